// app-server services (ADR 6, SPEC 2.3/2.5) and the file of every service
// with objects in k8s/30-apps. The gateway serves an app-server's artifact
// by host, so its Ingress routes the host to the gateway's Service; the
// certificate comes from cert-manager (the same ClusterIssuer as the API's
// Ingress) unless the host cannot have a public one.
#include "emit/kubernetes/apps.h"

#include "emit/argo/service_pod.h"
#include "emit/emitters.h"
#include "emit/kubernetes/objects.h"
#include "emit/waves.h"

namespace ivcapgen::emit {

namespace k8s {

bool can_have_public_certificate(std::string_view host) {
  return host != "localhost" && !host.ends_with(".localhost");
}

Json ingress_rule(std::string_view host, std::string_view path, std::string_view service,
                  std::string_view port_name) {
  Json backend = {{"service", {{"name", service}, {"port", {{"name", port_name}}}}}};
  Json p = {{"path", path}, {"pathType", "Prefix"}, {"backend", std::move(backend)}};
  return {{"host", host}, {"http", {{"paths", Json::array({std::move(p)})}}}};
}

std::string app_path(const model::Service& s) {
  return "k8s/30-apps/" + s.name() + ".yaml";
}

std::vector<Json> app_server_objects(const model::Model& m, const model::Service& s) {
  const std::string name = model::service_object_name(m, s);
  const std::string host = app_server_host(m, s);
  const bool tls = can_have_public_certificate(host);
  Json annotations = Json::object();
  if (tls) annotations["cert-manager.io/cluster-issuer"] = kClusterIssuer;
  const Json service = service_annotations(s);
  for (const auto& [key, value] : service.items()) annotations[key] = value;

  Json ing = object("networking.k8s.io/v1", "Ingress", name, *m.env().namespaces->platform,
                    standard_labels(m, name, "app-server", &s), std::move(annotations));
  Json spec;
  spec["ingressClassName"] = kIngressClass;
  if (tls) {
    spec["tls"] = Json::array({{{"hosts", Json::array({host})}, {"secretName", name + "-tls"}}});
  }
  spec["rules"] = Json::array({ingress_rule(host, "/", kGatewayName, "http")});
  ing["spec"] = std::move(spec);
  return {std::move(ing)};
}

std::vector<Json> app_objects(const model::Model& m, const model::Service& s) {
  switch (s.controller().model) {
    case model::ControllerModel::AppServer:
      return app_server_objects(m, s);
    case model::ControllerModel::Rest:
    case model::ControllerModel::Dynamic:
      return dynamic_service_objects(m, s);
    default:
      return {};
  }
}

}  // namespace k8s

void emit_apps(const model::Model& m, output::OutputTree& tree) {
  for (const auto& s : m.services) {
    auto objects = k8s::app_objects(m, s);
    if (!objects.empty()) tree.add_objects(k8s::app_path(s), kWaveServices, objects);
  }
}

}  // namespace ivcapgen::emit
