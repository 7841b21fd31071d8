#pragma once
// The resolved model: the environment after overlays with every default
// filled in, and its services, sorted by name. Emitters are pure functions
// of this.
#include <string>
#include <vector>

#include "model/environment.h"
#include "model/service.h"

namespace ivcapgen::model {

struct Service {
  Located<ServiceSpec> spec;
  std::string id;                // urn:ivcap:service:<uuid>
  std::string file;              // where it was read (display path)
  std::string description_hash;  // sha256 of the description, for annotations
  bool migrated_from_v1 = false;

  const std::string& name() const { return spec->name.value; }
  const Controller& controller() const { return spec->controller.value; }
};

struct Model {
  Located<Environment> environment;
  std::vector<Service> services;
  std::string environment_file;  // display path
  // Every file read and folder listed to make this model (absolute, sorted):
  // what `build` checks to tell that a rebuild would change nothing.
  std::vector<std::string> input_files;
  std::vector<std::string> input_dirs;

  const EnvironmentSpec& env() const { return environment->spec.value; }
  const std::string& name() const { return environment->metadata->name.value; }
  const Service* find_service(std::string_view name) const;
};

// Object-name form of the project: `_` becomes `-` (SPEC 2.1).
std::string project_object_name(std::string_view project);
// "<project>-<name>" as used in object names.
std::string service_object_name(const Model& m, const Service& s);
// "/<project>-<name>": the CONTEXT_ROOT and ingress path (keeps `_`).
std::string service_context_root(const Model& m, const Service& s);
// urn:ivcap:service:UUIDv5(DNS, "<project>/<name>").
std::string derive_service_id(std::string_view project, std::string_view name);

}  // namespace ivcapgen::model
