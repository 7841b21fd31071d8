#pragma once
// Loading shipped or scratch environments for the Kubernetes emitter tests,
// and finding objects in what an emitter returned.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "spec/model_loader.h"
#include "support/test_env.h"
#include "support/yaml_fixture.h"

namespace ivcapgen::testing {

using Json = nlohmann::ordered_json;

// A shipped environment by name, or an environment file by path; throws
// with the diagnostics when it does not load cleanly.
inline model::Model load_environment(const std::string& environment) {
  diag::DiagnosticSink sink;
  spec::LoadOptions options;
  options.environment = environment;
  auto m = spec::load_model(options, sink);
  if (!m || sink.has_errors()) throw std::runtime_error(describe_all(sink));
  return std::move(*m);
}

// environment.yaml (the `spec:` body given) plus services/<name>.yaml.
inline model::Model load_scratch(const TempDir& dir, const std::string& spec_body,
                                 const std::map<std::string, std::string>& services = {}) {
  write_file(
      dir / "environment.yaml",
      "apiVersion: ivcapgen/v1\nkind: Environment\nmetadata: {name: scratch}\nspec:\n" + spec_body);
  for (const auto& [name, text] : services) write_file(dir / "services" / (name + ".yaml"), text);
  return load_environment((dir / "environment.yaml").string());
}

inline std::vector<Json> of_kind(const std::vector<Json>& objects, const std::string& kind) {
  std::vector<Json> out;
  for (const auto& o : objects) {
    if (o["kind"] == kind) out.push_back(o);
  }
  return out;
}

inline const Json* find_object(const std::vector<Json>& objects, const std::string& kind,
                               const std::string& name) {
  for (const auto& o : objects) {
    if (o["kind"] == kind && o["metadata"]["name"] == name) return &o;
  }
  return nullptr;
}

// A minimal valid service document of a given controller.
inline std::string scratch_service(const std::string& name, const std::string& controller,
                                   const std::string& extra = {}) {
  return "$schema: urn:ivcap:schema:service.2\nname: " + name +
         "\ndescription: A scratch service used by the emitter tests, long enough to be valid.\n" +
         extra + "controller:\n" + controller;
}

inline const std::string kBasicController =
    "  $schema: urn:ivcap:schema:service.basic.1\n"
    "  image: ghcr.io/example/tool:1.0\n"
    "  command: [tool]\n";

}  // namespace ivcapgen::testing
