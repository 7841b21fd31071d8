#include "model/components.h"

#include <algorithm>

#include "model/environment.h"

namespace ivcapgen::model {

const std::vector<ComponentDefault>& component_defaults() {
  // In dependency order: cert-manager brings CRDs others use; argo's
  // artifact repository needs the object store.
  static const std::vector<ComponentDefault> kDefaults = {
      {"cert-manager",
       "cert-manager",
       "https://charts.jetstack.io",
       "v1.20.3",
       "v1.20.3",
       "cert-manager",
       {}},
      {"sealed-secrets",
       "sealed-secrets",
       "https://bitnami-labs.github.io/sealed-secrets",
       "2.18.5",
       "0.36.6",
       "platform",
       {}},
      {"kubernetes-replicator",
       "kubernetes-replicator",
       "https://helm.mittwald.de",
       "2.12.4",
       "v2.12.4",
       "platform",
       {}},
      {"ingress-nginx",
       "ingress-nginx",
       "https://kubernetes.github.io/ingress-nginx",
       "4.15.1",
       "1.15.1",
       "ingress-nginx",
       {"cert-manager"}},
      {"minio",
       "minio",
       "https://charts.min.io/",
       "5.4.0",
       "RELEASE.2024-12-18T13-15-44Z",
       "platform",
       {}},
      {"postgresql",
       "postgresql",
       "oci://registry-1.docker.io/bitnamicharts",
       "17.1.0",
       "17.6.0",
       "platform",
       {}},
      {"nats",
       "nats",
       "https://nats-io.github.io/k8s/helm/charts/",
       "2.14.2",
       "2.14.2",
       "platform",
       {}},
      {"loki",
       "loki",
       "https://grafana.github.io/helm-charts",
       "6.55.0",
       "3.6.7",
       "platform",
       {"minio"}},
      {"argo-workflows",
       "argo-workflows",
       "https://argoproj.github.io/argo-helm",
       "0.45.20",
       "v3.6.10",
       "argo",
       {"minio"}},
  };
  return kDefaults;
}

const ComponentDefault* find_component_default(std::string_view name) {
  const auto& all = component_defaults();
  auto it = std::find_if(all.begin(), all.end(), [&](const auto& c) { return c.name == name; });
  return it == all.end() ? nullptr : &*it;
}

std::vector<std::string_view> component_names() {
  std::vector<std::string_view> out;
  for (const auto& c : component_defaults()) out.push_back(c.name);
  return out;
}

bool component_enabled_by_default(std::string_view name, const EnvironmentSpec& env) {
  bool cloud = *env.provider != "local";
  if (name == "minio") return !cloud;
  if (name == "postgresql") return !*env.database->managed;
  return true;
}

}  // namespace ivcapgen::model
