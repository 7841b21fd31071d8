#include "emit/kubernetes/objects.h"

namespace ivcapgen::emit::k8s {

Json standard_labels(const model::Model& m, std::string_view name, std::string_view component,
                     const model::Service* service) {
  Json labels = Json::object();
  if (!name.empty()) labels["app.kubernetes.io/name"] = name;
  if (!component.empty()) labels["app.kubernetes.io/component"] = component;
  labels["app.kubernetes.io/managed-by"] = "ivcapgen";
  labels["app.kubernetes.io/part-of"] = "ivcap";
  labels["ivcap.io/environment"] = m.name();
  if (service) labels["ivcap.io/service"] = service->name();
  return labels;
}

Json selector_labels(const model::Model& m, std::string_view name) {
  return {{"app.kubernetes.io/name", name}, {"ivcap.io/environment", m.name()}};
}

Json object(std::string_view api_version, std::string_view kind, std::string_view name,
            std::string_view namespace_, Json labels, Json annotations) {
  Json meta;
  meta["name"] = name;
  if (!namespace_.empty()) meta["namespace"] = namespace_;
  meta["labels"] = std::move(labels);
  if (!annotations.is_null() && !annotations.empty()) meta["annotations"] = std::move(annotations);
  Json o;
  o["apiVersion"] = api_version;
  o["kind"] = kind;
  o["metadata"] = std::move(meta);
  return o;
}

Json restricted_container_security_context() {
  return {{"allowPrivilegeEscalation", false},
          {"capabilities", {{"drop", {"ALL"}}}},
          {"readOnlyRootFilesystem", true},
          {"runAsNonRoot", true},
          {"seccompProfile", {{"type", "RuntimeDefault"}}}};
}

Json restricted_pod_security_context() {
  return {{"runAsNonRoot", true},
          {"runAsUser", 65532},
          {"runAsGroup", 65532},
          {"fsGroup", 65532},
          {"seccompProfile", {{"type", "RuntimeDefault"}}}};
}

namespace {
Json amounts_json(const model::ResourceAmounts& a) {
  Json j = Json::object();
  if (!a.cpu->empty()) j["cpu"] = a.cpu.value;
  if (!a.memory->empty()) j["memory"] = a.memory.value;
  if (!a.ephemeral_storage->empty()) j["ephemeral-storage"] = a.ephemeral_storage.value;
  return j;
}
}  // namespace

Json resources(const model::ResourceAmounts& requests, const model::ResourceAmounts& limits) {
  Json j = Json::object();
  Json req = amounts_json(requests);
  Json lim = amounts_json(limits);
  if (!lim.empty()) j["limits"] = std::move(lim);
  if (!req.empty()) j["requests"] = std::move(req);
  return j;
}

Json resources(const model::ResourceRequirements& r) {
  return resources(r.requests.value, r.limits.value);
}

std::string runtime_image(const model::Model& m, std::string_view component) {
  const auto& image = m.env().runtime->image.value;
  return *image.registry + "/ivcap-" + std::string(component) + ":" + *image.tag;
}

std::string gateway_url(const model::Model& m) {
  return "http://ivcap-gateway." + *m.env().namespaces->platform +
         ".svc:" + std::to_string(kGatewayPort);
}

std::string exit_handler_url(const model::Model& m) {
  return "http://ivcap-exit-handler." + *m.env().namespaces->platform +
         ".svc:" + std::to_string(kExitHandlerPort);
}

std::string data_proxy_url(const model::Model& m) {
  // Sidecar: in the pod. Node mode: the DaemonSet's node-local endpoint,
  // reached through the downward API's status.hostIP (see the emitters).
  if (*m.env().runtime->data_proxy->mode == "node") {
    return "http://$(IVCAP_NODE_IP):" + std::to_string(kDataProxyPort);
  }
  return "http://127.0.0.1:" + std::to_string(kDataProxyPort);
}

std::string api_host(const model::Model& m) {
  return "api." + *m.env().domain;
}

}  // namespace ivcapgen::emit::k8s
