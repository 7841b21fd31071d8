#pragma once
// k8s/00-namespaces.yaml (wave 2): the namespaces and everything that
// isolates them — ServiceAccounts and RBAC, the services quota and limit
// range, Argo's artifact repository, and the NetworkPolicies. The parts
// live in isolation/; this file only puts them in kubectl's order.
#include <nlohmann/json.hpp>
#include <vector>

#include "model/model.h"

namespace ivcapgen::emit::k8s {

inline constexpr std::string_view kNamespacesFile = "k8s/00-namespaces.yaml";

std::vector<nlohmann::ordered_json> namespaces_objects(const model::Model& m);

}  // namespace ivcapgen::emit::k8s
