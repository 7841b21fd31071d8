#include "emit/kubernetes/objects.h"

#include "model/components.h"

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
  return "http://" + std::string(kGatewayName) + "." + *m.env().namespaces->platform +
         ".svc:" + std::to_string(kGatewayPort);
}

std::string exit_handler_url(const model::Model& m) {
  return "http://" + std::string(kExitHandlerName) + "." + *m.env().namespaces->platform +
         ".svc:" + std::to_string(kExitHandlerPort);
}

std::string data_proxy_url(const model::Model& m) {
  // Sidecar: in the pod. Node mode: the DaemonSet's Service, which has
  // internalTrafficPolicy: Local, so a pod always reaches the proxy on its
  // own node — without a hostPort, which Pod Security forbids.
  if (*m.env().runtime->data_proxy->mode == "node") {
    return "http://" + std::string(kDataProxyName) + "." + *m.env().namespaces->platform +
           ".svc:" + std::to_string(kDataProxyPort);
  }
  return "http://127.0.0.1:" + std::to_string(kDataProxyPort);
}

std::string api_host(const model::Model& m) {
  return "api." + *m.env().domain;
}

std::string app_server_host(const model::Model& m, const model::Service& s) {
  const std::string& host = *s.controller().app.host;
  if (host.find('.') != std::string::npos) return host;
  return host + "." + *m.env().domain;
}

std::string component_namespace(const model::Model& m, std::string_view component) {
  const auto& components = m.env().components.value;
  auto it = components.find(std::string(component));
  if (it != components.end() && !it->second->namespace_->empty()) return *it->second->namespace_;
  const auto* pinned = model::find_component_default(component);
  const auto& namespaces = m.env().namespaces.value;
  if (!pinned || pinned->namespace_role == "platform") return *namespaces.platform;
  if (pinned->namespace_role == "argo") return *namespaces.argo;
  return std::string(pinned->namespace_role);
}

std::vector<std::string> artifact_store_service_accounts(const model::Model& m) {
  bool node = *m.env().runtime->data_proxy->mode == "node";
  return {*m.env().namespaces->platform + ":" + std::string(node ? kDataProxyName : kGatewayName)};
}

}  // namespace ivcapgen::emit::k8s
