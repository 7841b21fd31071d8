#pragma once
// k8s/10-runtime.yaml (wave 4): the runtime component set in the platform
// namespace — data proxy (node mode), exit handler, dispatcher, gateway, in
// the order they can start (runtime/README.md). Each component's objects
// come from runtime/<component>.cpp.
#include <nlohmann/json.hpp>
#include <vector>

#include "model/model.h"

namespace ivcapgen::emit::k8s {

inline constexpr std::string_view kRuntimeFile = "k8s/10-runtime.yaml";

std::vector<nlohmann::ordered_json> runtime_objects(const model::Model& m);

}  // namespace ivcapgen::emit::k8s
