#include "emit/kubernetes/namespaces.h"

#include "emit/emitters.h"
#include "emit/kubernetes/isolation/artifact_store.h"
#include "emit/kubernetes/isolation/namespace_objects.h"
#include "emit/kubernetes/isolation/network_policies.h"
#include "emit/kubernetes/isolation/rbac.h"
#include "emit/kubernetes/isolation/resource_limits.h"
#include "emit/kubernetes/objects.h"
#include "emit/waves.h"

namespace ivcapgen::emit {

namespace k8s {

std::vector<Json> namespaces_objects(const model::Model& m) {
  std::vector<Json> out = namespace_objects(m);
  auto append = [&out](std::vector<Json> more) {
    for (auto& o : more) out.push_back(std::move(o));
  };
  append(service_accounts(m));
  append(roles_and_bindings(m));
  out.push_back(services_resource_quota(m));
  out.push_back(services_limit_range(m));
  out.push_back(artifact_repositories_config_map(m));
  append(services_network_policies(m));
  append(platform_network_policies(m));
  return out;
}

}  // namespace k8s

void emit_namespaces(const model::Model& m, output::OutputTree& tree) {
  tree.add_objects(std::string(k8s::kNamespacesFile), kWaveNamespaces, k8s::namespaces_objects(m));
}

}  // namespace ivcapgen::emit
