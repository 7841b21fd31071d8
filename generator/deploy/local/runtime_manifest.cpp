#include "deploy/local/runtime_manifest.h"

#include <filesystem>

#include "deploy/local/loopback_http.h"

namespace ivcapgen::deploy::local {

namespace {

using Json = nlohmann::ordered_json;

// Relative, no `..`: everything a component writes stays in the state directory.
bool is_contained_path(const std::string& p) {
  if (p.empty() || p.front() == '/') return false;
  for (const auto& part : std::filesystem::path(p)) {
    if (part == "..") return false;
  }
  return true;
}

RuntimeComponentSpec parse_component(const Json& c) {
  RuntimeComponentSpec s;
  s.name = c.at("component").get<std::string>();
  s.program = c.at("program").get<std::string>();
  s.argv = c.at("argv").get<std::vector<std::string>>();
  s.port = c.at("port").get<int>();
  if (auto env = c.find("env"); env != c.end()) {
    for (const auto& [k, v] : env->items()) s.env[k] = v.get<std::string>();
  }
  s.health = c.at("health").get<std::string>();
  s.config_hash = c.at("configHash").get<std::string>();
  return s;
}

std::string check_component(const RuntimeComponentSpec& s) {
  std::string where = "component '" + s.name + "'";
  if (s.name.empty() ||
      s.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
    return "component name '" + s.name + "' is not a lowercase name";
  }
  if (s.argv.empty() || s.argv.front() != s.program) {
    return where + ": argv must start with its program '" + s.program + "'";
  }
  if (s.port < 1 || s.port > 65535)
    return where + ": port " + std::to_string(s.port) + " is invalid";
  auto health = parse_loopback_url(s.health);
  if (!health || health->port != s.port) {
    return where + ": health URL '" + s.health + "' is not on its loopback port";
  }
  if (s.config_hash.empty()) return where + ": configHash is empty";
  for (const auto& dir : s.writable_dirs()) {
    if (!is_contained_path(dir)) {
      return where + ": path '" + dir + "' leaves the state directory";
    }
  }
  return "";
}

}  // namespace

std::vector<std::string> RuntimeComponentSpec::writable_dirs() const {
  std::vector<std::string> dirs;
  for (size_t i = 1; i + 1 < argv.size(); ++i) {
    const std::string& flag = argv[i];
    if (flag.rfind("--", 0) != 0) continue;
    const std::string& value = argv[i + 1];
    if (flag.size() > 6 && flag.compare(flag.size() - 4, 4, "-dir") == 0) {
      dirs.push_back(value);
    } else if (flag == "--log-file" || flag == "--port-file" || flag == "--token-file") {
      std::string parent = std::filesystem::path(value).parent_path().string();
      if (!parent.empty()) dirs.push_back(parent);
    }
  }
  return dirs;
}

const RuntimeComponentSpec* RuntimeManifest::find(const std::string& name) const {
  for (const auto& c : components) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::optional<RuntimeManifest> parse_runtime_manifest(const Json& doc, std::string& error) {
  try {
    if (doc.at("version").get<int>() != 1) {
      error = "local/runtime.json: unsupported version " + doc.at("version").dump();
      return std::nullopt;
    }
    RuntimeManifest m;
    m.environment = doc.at("environment").get<std::string>();
    m.token_file = doc.at("tokenFile").get<std::string>();
    m.gateway = doc.at("gateway").get<std::string>();
    if (!is_contained_path(m.token_file)) {
      error = "local/runtime.json: tokenFile '" + m.token_file + "' leaves the state directory";
      return std::nullopt;
    }
    if (!parse_loopback_url(m.gateway)) {
      error = "local/runtime.json: gateway '" + m.gateway + "' is not a loopback URL";
      return std::nullopt;
    }
    std::map<int, std::string> ports;
    for (const auto& c : doc.at("components")) {
      auto component = parse_component(c);
      if (std::string problem = check_component(component); !problem.empty()) {
        error = "local/runtime.json: " + problem;
        return std::nullopt;
      }
      if (m.find(component.name)) {
        error = "local/runtime.json: component '" + component.name + "' appears twice";
        return std::nullopt;
      }
      if (auto [it, fresh] = ports.emplace(component.port, component.name); !fresh) {
        error = "local/runtime.json: " + it->second + " and " + component.name + " both use port " +
                std::to_string(component.port);
        return std::nullopt;
      }
      m.components.push_back(std::move(component));
    }
    if (m.components.empty()) {
      error = "local/runtime.json: no components";
      return std::nullopt;
    }
    return m;
  } catch (const std::exception& e) {
    error = std::string("local/runtime.json is malformed: ") + e.what();
    return std::nullopt;
  }
}

}  // namespace ivcapgen::deploy::local
