#pragma once
// ServiceAccounts and least-privilege RBAC. Nothing is cluster-wide: the
// dispatcher (platform namespace) gets a Role in the services namespace to
// run Argo Workflows; the workflow account gets what Argo's executor needs
// and the artifact repository Secret, by name; every other runtime
// component has an account with no API access and no token.
#include <nlohmann/json.hpp>
#include <vector>

#include "model/model.h"

namespace ivcapgen::emit::k8s {

std::vector<nlohmann::ordered_json> service_accounts(const model::Model& m);
// Roles first, then their bindings (kubectl's order of kinds).
std::vector<nlohmann::ordered_json> roles_and_bindings(const model::Model& m);

}  // namespace ivcapgen::emit::k8s
