// The node data proxy (runtime.dataProxy.mode: node): a DaemonSet on port
// 8181 (SPEC 2.5) whose Service has internalTrafficPolicy: Local, so a
// service pod always talks to the proxy on its own node without a
// hostPort (which Pod Security forbids). It owns the artifact store and
// reaches it with the workload identity of its ServiceAccount; the
// identity annotation (IRSA role ARN / Azure client id) is a Terraform
// output and is added at apply time. In sidecar mode nothing is emitted
// here: the WorkflowTemplate emitter adds a sidecar to each service pod.
#include <set>
#include <tuple>

#include "emit/kubernetes/objects.h"
#include "emit/kubernetes/runtime/components.h"
#include "emit/kubernetes/runtime/workload.h"

namespace ivcapgen::emit::k8s {

namespace {

// A service pod on a tainted pool (GPU nodes) needs the proxy on its node
// too: tolerate every taint the environment's node pools carry.
Json pool_taint_tolerations(const model::Model& m) {
  std::set<std::tuple<std::string, std::string, std::string>> taints;
  for (const auto& pool : *m.env().cluster->node_pools) {
    for (const auto& t : *pool->taints) taints.insert({*t->key, *t->value, *t->effect});
  }
  Json tolerations = Json::array();
  for (const auto& [key, value, effect] : taints) {
    Json t = {{"key", key}, {"operator", value.empty() ? "Exists" : "Equal"}};
    if (!value.empty()) t["value"] = value;
    t["effect"] = effect;
    tolerations.push_back(std::move(t));
  }
  return tolerations;
}

}  // namespace

std::vector<Json> data_proxy_objects(const model::Model& m) {
  const auto& spec = m.env().runtime->data_proxy.value;
  if (*spec.mode != "node") return {};
  RuntimeWorkload w;
  w.name = kDataProxyName;
  w.component = "data-proxy";
  w.port = kDataProxyPort;
  w.resources = spec.resources.present ? &spec.resources.value : nullptr;
  w.config = {{"listen", "0.0.0.0:" + std::to_string(kDataProxyPort)},
              {"gatewayUrl", gateway_url(m)}};
  own_artifact_store(m, w);

  Json service = workload_service(m, w);
  service["spec"]["internalTrafficPolicy"] = "Local";
  Json pod = workload_pod_template(m, w);
  if (Json tolerations = pool_taint_tolerations(m); !tolerations.empty()) {
    pod["spec"]["tolerations"] = std::move(tolerations);
  }
  Json ds = object("apps/v1", "DaemonSet", w.name, *m.env().namespaces->platform,
                   standard_labels(m, w.name, w.component));
  ds["spec"] = {{"selector", {{"matchLabels", selector_labels(m, w.name)}}},
                {"updateStrategy", {{"type", "RollingUpdate"}}},
                {"template", std::move(pod)}};
  return {workload_config_map(m, w), std::move(service), std::move(ds)};
}

}  // namespace ivcapgen::emit::k8s
