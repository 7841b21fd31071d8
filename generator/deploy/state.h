#pragma once
// The deploy state of one environment (.ivcapgen/<env>/state.json), in the
// manner of Terraform's: a format `version`, a `serial` that every write
// increments, a `lineage` fixed when the state is created, the applied
// inventory with a hash per object, and non-secret outputs. Written
// atomically (temp + fsync + rename), so a crash leaves the previous or the
// new state, never a torn one.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace ivcapgen::deploy {

using Json = nlohmann::ordered_json;

inline constexpr int kStateVersion = 1;

// One applied thing, keyed by a stable id:
//   "k8s/<apiVersion>/<Kind>/<namespace>/<name>", "helm/<namespace>/<release>",
//   "terraform/<resource address>", "local/<component>", "service/<service id>".
struct InventoryEntry {
  std::string hash;  // sha256 of what was applied
  int wave = 0;
  Json details = Json::object();  // layer-specific, never secret (e.g. pid, port, chart version)
};

struct State {
  int version = kStateVersion;
  int64_t serial = 0;
  std::string lineage;
  std::string environment;
  std::map<std::string, InventoryEntry> inventory;
  Json outputs = Json::object();     // terraform outputs, sensitive ones removed
  Json last_apply = Json::object();  // {result, waves: {...}} of the last apply, for resuming
};

Json to_json(const State& s);
// Parses a state document; nullopt with `error` set when it is not one.
std::optional<State> state_from_json(const Json& j, std::string& error);

// .ivcapgen/<env> below `base` (the working directory by default).
std::filesystem::path state_dir(const std::string& environment,
                                const std::filesystem::path& base = {});

class StateStore {
 public:
  explicit StateStore(std::filesystem::path dir) : dir_(std::move(dir)) {}
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path file() const { return dir_ / "state.json"; }

  // The stored state; a fresh one (serial 0, new lineage) when there is
  // none yet. nullopt with `error` when the file exists but is unreadable.
  std::optional<State> load(const std::string& environment, std::string& error) const;
  // Increments the serial and writes atomically. False with `error` on failure.
  bool save(State& state, std::string& error) const;

 private:
  std::filesystem::path dir_;
};

// A random (version 4) UUID for lineages.
std::string random_uuid();

// Writes `content` to `path` atomically: a temp file in the same directory,
// fsync, rename, fsync of the directory. Mode 0600 unless given.
bool write_file_atomically(const std::filesystem::path& path, std::string_view content,
                           std::string& error, unsigned mode = 0600);

}  // namespace ivcapgen::deploy
