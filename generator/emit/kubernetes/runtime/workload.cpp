#include "emit/kubernetes/runtime/workload.h"

#include "emit/kubernetes/isolation/artifact_store.h"
#include "emit/kubernetes/objects.h"
#include "output/yaml_writer.h"
#include "support/digest.h"

namespace ivcapgen::emit::k8s {

namespace {

constexpr std::string_view kConfigDir = "/etc/ivcap";
constexpr std::string_view kConfigKey = "config.json";

model::ResourceAmounts with_defaults(const model::ResourceAmounts* given, std::string cpu,
                                     std::string memory) {
  model::ResourceAmounts a = model::amounts(std::move(cpu), std::move(memory));
  if (!given) return a;
  if (!given->cpu->empty()) a.cpu = given->cpu;
  if (!given->memory->empty()) a.memory = given->memory;
  a.ephemeral_storage = given->ephemeral_storage;
  return a;
}

Json health_probe(int initial_delay, int period) {
  return {{"httpGet", {{"path", "/healthz"}, {"port", "http"}}},
          {"initialDelaySeconds", initial_delay},
          {"periodSeconds", period},
          {"timeoutSeconds", 2},
          {"failureThreshold", 3}};
}

std::string config_text(const RuntimeWorkload& w) {
  return output::to_json_text(w.config);
}

Json container(const model::Model& m, const RuntimeWorkload& w) {
  Json c;
  c["name"] = w.component;
  c["image"] = runtime_image(m, w.component);
  c["imagePullPolicy"] = *m.env().runtime->image->pull_policy;
  c["args"] = {"--config", kConfigPath};
  if (!w.env.empty()) c["env"] = w.env;
  c["ports"] = Json::array({{{"name", "http"}, {"containerPort", w.port}, {"protocol", "TCP"}}});
  c["readinessProbe"] = health_probe(2, 10);
  c["livenessProbe"] = health_probe(10, 20);
  c["resources"] = workload_resources(w.resources);
  c["securityContext"] = restricted_container_security_context();
  // Read-only root: configuration from the ConfigMap, scratch on /tmp.
  c["volumeMounts"] =
      Json::array({{{"name", "config"}, {"mountPath", kConfigDir}, {"readOnly", true}},
                   {{"name", "tmp"}, {"mountPath", "/tmp"}}});
  return c;
}

}  // namespace

Json workload_resources(const model::ResourceRequirements* given) {
  return resources(with_defaults(given ? &given->requests.value : nullptr, "100m", "128Mi"),
                   with_defaults(given ? &given->limits.value : nullptr, "500m", "512Mi"));
}

Json workload_config_map(const model::Model& m, const RuntimeWorkload& w) {
  Json cm = object("v1", "ConfigMap", w.name, *m.env().namespaces->platform,
                   standard_labels(m, w.name, w.component));
  cm["data"] = {{kConfigKey, config_text(w)}};
  return cm;
}

Json workload_service(const model::Model& m, const RuntimeWorkload& w) {
  Json svc = object("v1", "Service", w.name, *m.env().namespaces->platform,
                    standard_labels(m, w.name, w.component));
  svc["spec"] = {
      {"type", "ClusterIP"},
      {"selector", selector_labels(m, w.name)},
      {"ports",
       Json::array(
           {{{"name", "http"}, {"port", w.port}, {"targetPort", "http"}, {"protocol", "TCP"}}})}};
  return svc;
}

Json workload_pod_template(const model::Model& m, const RuntimeWorkload& w) {
  Json labels = standard_labels(m, w.name, w.component);
  bool azure_identity =
      w.storage_identity && artifact_store(m).kind == ArtifactStoreKind::AzureBlob;
  // Azure's workload identity webhook injects the federated token only
  // into pods that ask for it.
  if (azure_identity) labels["azure.workload.identity/use"] = "true";
  Json pod;
  pod["serviceAccountName"] = w.name;
  pod["automountServiceAccountToken"] = w.api_token;
  pod["securityContext"] = restricted_pod_security_context();
  pod["containers"] = Json::array({container(m, w)});
  pod["volumes"] = Json::array({{{"name", "config"}, {"configMap", {{"name", w.name}}}},
                                {{"name", "tmp"}, {"emptyDir", Json::object()}}});
  if (w.replicas > 1) {
    // Spread replicas over nodes when the cluster can, never block on it.
    pod["topologySpreadConstraints"] =
        Json::array({{{"maxSkew", 1},
                      {"topologyKey", "kubernetes.io/hostname"},
                      {"whenUnsatisfiable", "ScheduleAnyway"},
                      {"labelSelector", {{"matchLabels", selector_labels(m, w.name)}}}}});
  }
  return {{"metadata",
           {{"labels", std::move(labels)},
            {"annotations", {{"ivcap.io/config-sha256", support::sha256_hex(config_text(w))}}}}},
          {"spec", std::move(pod)}};
}

Json workload_deployment(const model::Model& m, const RuntimeWorkload& w) {
  Json d = object("apps/v1", "Deployment", w.name, *m.env().namespaces->platform,
                  standard_labels(m, w.name, w.component));
  d["spec"] = {{"replicas", w.replicas},
               {"selector", {{"matchLabels", selector_labels(m, w.name)}}},
               {"template", workload_pod_template(m, w)}};
  return d;
}

std::optional<Json> workload_disruption_budget(const model::Model& m, const RuntimeWorkload& w) {
  if (w.replicas <= 1) return std::nullopt;
  Json pdb = object("policy/v1", "PodDisruptionBudget", w.name, *m.env().namespaces->platform,
                    standard_labels(m, w.name, w.component));
  pdb["spec"] = {{"maxUnavailable", 1},
                 {"selector", {{"matchLabels", selector_labels(m, w.name)}}}};
  return pdb;
}

std::vector<Json> deployment_objects(const model::Model& m, const RuntimeWorkload& w) {
  std::vector<Json> out = {workload_config_map(m, w), workload_service(m, w),
                           workload_deployment(m, w)};
  if (auto pdb = workload_disruption_budget(m, w)) out.push_back(std::move(*pdb));
  return out;
}

void own_artifact_store(const model::Model& m, RuntimeWorkload& w) {
  ArtifactStore store = artifact_store(m);
  w.config["artifactStore"] = artifact_store_config(store);
  w.storage_identity = true;
  if (store.kind != ArtifactStoreKind::Minio) return;
  // MinIO's root credentials, by reference to the Secret its chart creates
  // (in the platform namespace unless the minio component is moved).
  auto from_secret = [](std::string_view env, std::string_view key) {
    return Json{
        {"name", env},
        {"valueFrom", {{"secretKeyRef", {{"name", kMinioCredentialsSecret}, {"key", key}}}}}};
  };
  w.env.push_back(from_secret("IVCAP_STORE_ACCESS_KEY", kMinioAccessKeyKey));
  w.env.push_back(from_secret("IVCAP_STORE_SECRET_KEY", kMinioSecretKeyKey));
}

}  // namespace ivcapgen::emit::k8s
