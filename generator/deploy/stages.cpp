#include "deploy/stages.h"

#include <algorithm>
#include <stdexcept>

#include "deploy/plan.h"

namespace ivcapgen::deploy {

const std::vector<Stage>& cloud_stages() {
  static const std::vector<Stage> stages = {
      {emit::kWaveInfrastructure, "infrastructure", kLayerTerraform, "cloud infrastructure"},
      {emit::kWaveClusterAccess, "cluster access", kLayerCluster, "kubeconfig for the cluster"},
      {emit::kWaveNamespaces, "namespaces", kLayerKubernetes,
       "namespaces, RBAC, quotas and network policies"},
      {emit::kWaveComponents, "components", kLayerHelm, "third-party components (Helm)"},
      {emit::kWaveRuntime, "runtime", kLayerKubernetes, "the runtime component set"},
      {emit::kWaveServices, "services", kLayerKubernetes, "WorkflowTemplates, apps and services"},
      {emit::kWaveRegistration, "registration", kLayerServices, "service registration"},
  };
  return stages;
}

const Stage& stage_of(int wave) {
  for (const auto& s : cloud_stages()) {
    if (s.wave == wave) return s;
  }
  throw std::out_of_range("no deploy wave " + std::to_string(wave));
}

bool layer_selects(std::string_view layer, int wave) {
  if (layer == kLayerTerraform) return wave == emit::kWaveInfrastructure;
  if (layer == kLayerHelm) return wave == emit::kWaveClusterAccess || wave == emit::kWaveComponents;
  if (layer == kLayerKubernetes) {
    return wave == emit::kWaveClusterAccess || wave == emit::kWaveNamespaces ||
           wave == emit::kWaveRuntime || wave == emit::kWaveServices;
  }
  if (layer == kLayerServices) {
    return wave == emit::kWaveClusterAccess || wave == emit::kWaveServices ||
           wave == emit::kWaveRegistration;
  }
  return false;
}

const std::vector<std::string_view>& only_layer_names() {
  static const std::vector<std::string_view> names = {kLayerTerraform, kLayerHelm, kLayerKubernetes,
                                                      kLayerServices};
  return names;
}

}  // namespace ivcapgen::deploy
