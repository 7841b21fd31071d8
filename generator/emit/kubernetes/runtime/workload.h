#pragma once
// What the four runtime components have in common, so that each
// component's file only says what is particular to it: a ConfigMap with
// its configuration (mounted read-only, hashed into the pod template so a
// change rolls the pods), a ClusterIP Service with a named port, and a
// restricted, read-only pod with /healthz probes run by a Deployment (plus
// a PodDisruptionBudget when replicated) or a DaemonSet.
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace ivcapgen::emit::k8s {

using Json = nlohmann::ordered_json;

struct RuntimeWorkload {
  std::string_view name;       // object name, e.g. ivcap-gateway
  std::string_view component;  // image and component label, e.g. gateway
  int port = 0;
  int64_t replicas = 1;                                    // Deployments only
  const model::ResourceRequirements* resources = nullptr;  // runtime.<component>.resources
  bool api_token = false;         // mount the ServiceAccount token (dispatcher only)
  bool storage_identity = false;  // owns the artifact store: cloud workload identity
  Json config = Json::object();   // config.json
  Json env = Json::array();       // extra container env (secret references only)
};

// Where config.json is mounted; the container is started with
// `--config <this>`.
inline constexpr std::string_view kConfigPath = "/etc/ivcap/config.json";

// Container resources: runtime.<component>.resources, each amount not
// given there falling back to requests 100m/128Mi, limits 500m/512Mi.
Json workload_resources(const model::ResourceRequirements* given);

Json workload_config_map(const model::Model& m, const RuntimeWorkload& w);
Json workload_service(const model::Model& m, const RuntimeWorkload& w);
Json workload_pod_template(const model::Model& m, const RuntimeWorkload& w);
Json workload_deployment(const model::Model& m, const RuntimeWorkload& w);
std::optional<Json> workload_disruption_budget(const model::Model& m, const RuntimeWorkload& w);

// ConfigMap, Service, Deployment and (replicas > 1) PodDisruptionBudget.
std::vector<Json> deployment_objects(const model::Model& m, const RuntimeWorkload& w);

// Store settings and credential references for the component that owns
// the artifact store (the node data proxy, else the gateway).
void own_artifact_store(const model::Model& m, RuntimeWorkload& w);

}  // namespace ivcapgen::emit::k8s
