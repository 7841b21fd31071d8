#pragma once
// .ivcapgen/<env>/history.jsonl: what `reconcile` changed, one JSON object
// per line, appended as each change is made: when, which object, what was
// done, and the sha256 of the object before (as it was live) and after (as
// declared); null where there is no such side (a missing object has no
// before, a pruned one no after). Each line is written with a single
// O_APPEND write and fsynced, so concurrent writers never interleave within
// a line and a crash loses at most the line being written.
#include <chrono>
#include <filesystem>
#include <string>

#include "deploy/plan.h"

namespace ivcapgen::deploy {

struct HistoryEntry {
  std::chrono::system_clock::time_point time;
  std::string environment;
  int wave = 0;
  std::string object;                       // the plan address: "Deployment ivcap-system/gateway"
  std::string key;                          // the state inventory key
  std::string action;                       // "create", "update", "replace", "delete"
  std::string before_sha256, after_sha256;  // "" is written as null
};

// The line of an entry (no newline); time in UTC, RFC 3339 with seconds.
std::string history_line(const HistoryEntry& entry);

// The entry for a change reconcile made.
HistoryEntry history_entry(std::chrono::system_clock::time_point time,
                           const std::string& environment, int wave, const PlannedChange& change);

// Appends one line to `file` (created 0600); false with `error` on failure.
bool append_history(const std::filesystem::path& file, const HistoryEntry& entry,
                    std::string& error);

}  // namespace ivcapgen::deploy
