#pragma once
// The three namespaces of an environment (SPEC 2.1 `namespaces`) with their
// Pod Security Admission labels: the services namespace enforces
// `restricted` (SPEC 3); the platform and Argo namespaces, which also hold
// third-party charts, enforce `baseline` and warn/audit at `restricted`.
#include <nlohmann/json.hpp>
#include <vector>

#include "model/model.h"

namespace ivcapgen::emit::k8s {

std::vector<nlohmann::ordered_json> namespace_objects(const model::Model& m);

}  // namespace ivcapgen::emit::k8s
