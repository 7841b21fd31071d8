#pragma once
// What the state remembers about one running local component (inventory key
// `local/<component>`): the process identity (pid + start time + boot id),
// the argv it was started with, the config hash it was started from, the
// program it runs and that program's stamp (so a rebuilt binary counts as a
// change), its port and its log. Converted to and from the generic
// InventoryEntry of deploy/state.h.
#include <optional>
#include <string>
#include <vector>

#include "deploy/local/process_identity.h"
#include "deploy/state.h"

namespace ivcapgen::deploy::local {

inline constexpr const char* kComponentKeyPrefix = "local/";
inline constexpr const char* kServiceKeyPrefix = "service/";
inline constexpr int kRuntimeWave = 4;       // emit/waves.h kWaveRuntime
inline constexpr int kRegistrationWave = 6;  // emit/waves.h kWaveRegistration

struct ComponentRecord {
  ProcessIdentity process;
  int port = 0;
  std::string config_hash;
  std::string program;            // absolute path executed
  std::string program_stamp;      // "<size>:<mtime ns>" of `program` when it started
  std::vector<std::string> argv;  // as executed (argv[0] = program)
  std::string started;            // RFC 3339 UTC
  std::string log;                // relative to the state directory

  InventoryEntry to_entry() const;
  // nullopt when the entry is not a component record (e.g. written by a
  // newer ivcapgen, or edited by hand).
  static std::optional<ComponentRecord> from_entry(const InventoryEntry& entry);
};

// What a registered service remembers (inventory key `service/<id>`): the
// hash of the catalog document sent, and the hash of the gateway's stored
// (normalised) document as it answered, to notice edits made behind our back.
struct ServiceRecord {
  std::string name;
  std::string document_hash;  // sha256 of the catalog document
  std::string stored_hash;    // sha256 of the canonical form of the stored document
  std::string registered;     // RFC 3339 UTC

  InventoryEntry to_entry() const;
  static std::optional<ServiceRecord> from_entry(const InventoryEntry& entry);
};

// "<size>:<mtime ns>" of a file, or "" when it cannot be read.
std::string file_stamp(const std::string& path);

// Now, as RFC 3339 UTC with seconds.
std::string now_rfc3339();

}  // namespace ivcapgen::deploy::local
