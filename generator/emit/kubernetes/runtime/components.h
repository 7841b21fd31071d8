#pragma once
// The runtime component set in Kubernetes form, one C++ file per component
// (gateway.cpp, dispatcher.cpp, data_proxy.cpp, exit_handler.cpp). Code
// rather than data files: each component's objects depend on the model
// (replicas, data proxy mode, app-server routes, the artifact store), and
// the shared shape lives in workload.h, so a template language would only
// add a second way of saying the same thing.
#include <nlohmann/json.hpp>
#include <vector>

#include "model/model.h"

namespace ivcapgen::emit::k8s {

std::vector<nlohmann::ordered_json> gateway_objects(const model::Model& m);
std::vector<nlohmann::ordered_json> dispatcher_objects(const model::Model& m);
std::vector<nlohmann::ordered_json> exit_handler_objects(const model::Model& m);
// Empty in sidecar mode: the sidecars are part of each service's pods.
std::vector<nlohmann::ordered_json> data_proxy_objects(const model::Model& m);

// The gateway's routes for app-server services: [{host, artifact, notFound}].
nlohmann::ordered_json app_server_routes(const model::Model& m);

}  // namespace ivcapgen::emit::k8s
