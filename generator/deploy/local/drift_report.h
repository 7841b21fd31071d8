#pragma once
// What the local provider sees when it compares the live processes and
// gateway with the declaration: one item per component and service, either
// in sync or with the problem found. `plan` and `drift` are views of it
// (local_target.cpp turns it into a deploy::Plan).
#include <string>
#include <vector>

namespace ivcapgen::deploy::local {

struct DriftItem {
  std::string key;   // state inventory key: "local/dispatcher", "service/urn:ivcap:service:…"
  std::string kind;  // "component" | "service"
  std::string name;  // "dispatcher", "text-stats"
  // missing | dead | unhealthy | config-changed | program-changed | unexpected |
  // unregistered | modified | changed
  std::vector<std::string> problems;
  std::string detail;  // for humans: "process 4242 is gone"; "pid 4242" when in sync
  // The recorded and declared hashes, when a change of configuration is the problem.
  std::string recorded_hash, declared_hash;
  bool restart = false;  // a running component that must be stopped and started again

  bool in_sync() const { return problems.empty(); }
};

struct DriftReport {
  std::string environment;
  std::vector<DriftItem> items;    // components in start order, then services by file,
                                   // then what is recorded but no longer declared
  std::vector<std::string> notes;  // what could not be checked, and why

  bool drifted() const;
  std::vector<std::string> drifted_keys() const;
  const DriftItem* find(const std::string& key) const;
};

}  // namespace ivcapgen::deploy::local
