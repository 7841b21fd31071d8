#pragma once
// out/<env>/local/runtime.json read back as typed data: the components the
// local provider runs, in start order, with the argv, port, environment,
// health URL and config hash the build emitted (emit/local_runtime.cpp).
// Paths inside are relative to the state directory, where they run.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ivcapgen::deploy::local {

struct RuntimeComponentSpec {
  std::string name;               // "gateway"
  std::string program;            // "ivcap-gateway"
  std::vector<std::string> argv;  // argv[0] is `program`
  int port = 0;
  std::map<std::string, std::string> env;
  std::string health;  // http://127.0.0.1:<port>/healthz
  std::string config_hash;

  // Relative paths the program writes to (values of --*-dir flags and the
  // folder of --log-file/--port-file), created before it starts.
  std::vector<std::string> writable_dirs() const;
};

struct RuntimeManifest {
  std::string environment;
  std::string token_file;                        // relative to the state directory
  std::string gateway;                           // the gateway's base URL
  std::vector<RuntimeComponentSpec> components;  // in start order

  const RuntimeComponentSpec* find(const std::string& name) const;
};

// nullopt with `error` naming the first problem.
std::optional<RuntimeManifest> parse_runtime_manifest(const nlohmann::ordered_json& doc,
                                                      std::string& error);

}  // namespace ivcapgen::deploy::local
