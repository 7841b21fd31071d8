#pragma once
// The Helm releases of wave 3 (SPEC 3, 4): one per enabled third-party
// component, in an order that installs every release after the releases it
// depends on. emit_helm_releases writes helm/releases.json and
// helm/<release>.values.yaml; the deploy stage reads the same plan.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/model.h"

namespace ivcapgen::emit::helm {

using Json = nlohmann::ordered_json;

struct HelmRelease {
  std::string name;
  std::string chart;
  std::string repo;  // https://… chart repository, or an oci://… base
  std::string version;
  std::string namespace_;
  std::string values_file;              // relative to helm/
  std::vector<std::string> depends_on;  // enabled releases only, sorted
  int order = 0;                        // position in install order
};

// Enabled components as releases, in install order: a topological order of
// `depends_on`, ties broken by name.
std::vector<HelmRelease> plan_helm_releases(const model::Model& m);

// The generated values of one release with the user's values merged over.
Json release_values(const model::Model& m, const HelmRelease& release);

Json releases_json(const std::vector<HelmRelease>& releases, int wave);

}  // namespace ivcapgen::emit::helm
