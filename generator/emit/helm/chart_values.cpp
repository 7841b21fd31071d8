#include "emit/helm/chart_values.h"

#include <map>

namespace ivcapgen::emit::helm {

bool component_enabled(const model::Model& m, std::string_view component) {
  const auto& components = m.env().components.value;
  auto it = components.find(std::string(component));
  return it != components.end() && *it->second->enabled;
}

bool is_high_availability(const model::Model& m) {
  return *m.env().runtime->gateway->replicas > 1;
}

Json generated_values(std::string_view component, const ChartContext& ctx) {
  using Generator = Json (*)(const ChartContext&);
  static const std::map<std::string_view, Generator> kGenerators = {
      {"argo-workflows", argo_workflows_values},
      {"cert-manager", cert_manager_values},
      {"ingress-nginx", ingress_nginx_values},
      {"kubernetes-replicator", kubernetes_replicator_values},
      {"loki", loki_values},
      {"minio", minio_values},
      {"nats", nats_values},
      {"postgresql", postgresql_values},
      {"sealed-secrets", sealed_secrets_values},
  };
  auto it = kGenerators.find(component);
  return it == kGenerators.end() ? Json::object() : it->second(ctx);
}

Json chart_resources(std::string_view cpu_request, std::string_view memory_request,
                     std::string_view memory_limit) {
  Json r;
  r["requests"] = {{"cpu", cpu_request}, {"memory", memory_request}};
  r["limits"] = {{"memory", memory_limit}};
  return r;
}

Json environment_labels(const model::Model& m) {
  // Only ivcapgen's own key: the charts set app.kubernetes.io/* themselves
  // and a second value for one of those would be a duplicate key.
  return {{"ivcap.io/environment", m.name()}};
}

}  // namespace ivcapgen::emit::helm
