#include "emit/kubernetes/isolation/namespace_objects.h"

#include "emit/kubernetes/objects.h"

namespace ivcapgen::emit::k8s {

namespace {

// PSA policy versions follow the cluster's minor version, so that a cluster
// upgrade does not silently tighten or loosen admission.
Json pod_security_labels(const model::Model& m, std::string_view enforce) {
  std::string version = "v" + *m.env().cluster->kubernetes_version;
  Json labels = Json::object();
  labels["pod-security.kubernetes.io/enforce"] = enforce;
  labels["pod-security.kubernetes.io/enforce-version"] = version;
  labels["pod-security.kubernetes.io/audit"] = "restricted";
  labels["pod-security.kubernetes.io/audit-version"] = version;
  labels["pod-security.kubernetes.io/warn"] = "restricted";
  labels["pod-security.kubernetes.io/warn-version"] = version;
  return labels;
}

Json namespace_object(const model::Model& m, const std::string& name, std::string_view role,
                      std::string_view enforce) {
  Json labels = standard_labels(m, name, role);
  labels.update(pod_security_labels(m, enforce));
  return object("v1", "Namespace", name, {}, std::move(labels));
}

}  // namespace

std::vector<Json> namespace_objects(const model::Model& m) {
  // Validation guarantees three distinct names (the services namespace
  // must be isolated).
  const auto& ns = m.env().namespaces.value;
  return {namespace_object(m, *ns.platform, "platform", "baseline"),
          namespace_object(m, *ns.services, "services", "restricted"),
          namespace_object(m, *ns.argo, "argo", "baseline")};
}

}  // namespace ivcapgen::emit::k8s
