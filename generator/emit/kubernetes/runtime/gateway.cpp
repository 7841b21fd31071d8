// The gateway: the REST API at api.<domain> (an Ingress with a
// cert-manager certificate), the app-server sites, and — in sidecar mode —
// the upstream of every data proxy sidecar, so it then owns the store.
#include "emit/kubernetes/objects.h"
#include "emit/kubernetes/runtime/components.h"
#include "emit/kubernetes/runtime/workload.h"

namespace ivcapgen::emit::k8s {

namespace {

// No public CA issues certificates for localhost names (RFC 6761).
bool can_have_public_certificate(const std::string& domain) {
  return domain != "localhost" && !domain.ends_with(".localhost");
}

Json gateway_ingress(const model::Model& m) {
  std::string host = api_host(m);
  Json annotations = Json::object();
  bool tls = can_have_public_certificate(*m.env().domain);
  // The ClusterIssuer is installed with cert-manager (wave 3); it is named
  // here only, so that no CRD object other than Argo's is emitted.
  if (tls) annotations["cert-manager.io/cluster-issuer"] = "letsencrypt";
  // Artifact uploads go through the API: the gateway's own body limit.
  annotations["nginx.ingress.kubernetes.io/proxy-body-size"] = "16m";
  Json ing = object("networking.k8s.io/v1", "Ingress", kGatewayName, *m.env().namespaces->platform,
                    standard_labels(m, kGatewayName, "gateway"), std::move(annotations));
  Json backend = {{"service", {{"name", kGatewayName}, {"port", {{"name", "http"}}}}}};
  Json spec;
  spec["ingressClassName"] = "nginx";
  if (tls) {
    spec["tls"] = Json::array(
        {{{"hosts", Json::array({host})}, {"secretName", std::string(kGatewayName) + "-tls"}}});
  }
  spec["rules"] = Json::array(
      {{{"host", host},
        {"http",
         {{"paths",
           Json::array({{{"path", "/"}, {"pathType", "Prefix"}, {"backend", backend}}})}}}}});
  ing["spec"] = std::move(spec);
  return ing;
}

}  // namespace

Json app_server_routes(const model::Model& m) {
  Json routes = Json::array();
  for (const auto& s : m.services) {
    if (s.controller().model != model::ControllerModel::AppServer) continue;
    const auto& app = s.controller().app;
    Json route = {{"host", app_server_host(m, s)}, {"artifact", *app.artifact}};
    if (!app.not_found->empty()) route["notFound"] = *app.not_found;
    routes.push_back(std::move(route));
  }
  return routes;
}

std::vector<Json> gateway_objects(const model::Model& m) {
  const auto& spec = m.env().runtime->gateway.value;
  RuntimeWorkload w;
  w.name = kGatewayName;
  w.component = "gateway";
  w.port = kGatewayPort;
  w.replicas = *spec.replicas;
  w.resources = spec.resources.present ? &spec.resources.value : nullptr;
  bool node_proxy = *m.env().runtime->data_proxy->mode == "node";
  w.config = {{"listen", "0.0.0.0:" + std::to_string(kGatewayPort)},
              {"project", *m.env().project},
              {"domain", *m.env().domain},
              {"apiHost", api_host(m)},
              // Services are registered through this gateway's own API in
              // wave 6 (catalog/*.json); it is its own catalog store.
              {"catalog", {{"store", "gateway"}, {"registration", "/1/services"}}},
              {"dispatcherUrl", "http://" + std::string(kDispatcherName) + "." +
                                    *m.env().namespaces->platform +
                                    ".svc:" + std::to_string(kDispatcherPort)},
              {"exitHandlerUrl", exit_handler_url(m)},
              {"dataProxy", node_proxy ? Json{{"mode", "node"}, {"url", data_proxy_url(m)}}
                                       : Json{{"mode", "sidecar"}, {"upstreamOfSidecars", true}}},
              {"routes", app_server_routes(m)}};
  if (!node_proxy) own_artifact_store(m, w);
  std::vector<Json> out = deployment_objects(m, w);
  out.push_back(gateway_ingress(m));
  return out;
}

}  // namespace ivcapgen::emit::k8s
