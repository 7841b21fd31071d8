#pragma once
// NetworkPolicies (SPEC 2.4, 3). The services namespace denies all traffic
// by default; each orderable service then gets its own policy (its pods
// talk to each other, to cluster DNS, the data proxy, the gateway and the
// exit handler, and to the internet only for declared, permitted hosts);
// Argo's executor in workflow pods gets the API server and the artifact
// store. In the platform namespace, which also runs third-party charts,
// each runtime component admits exactly its callers.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/model.h"

namespace ivcapgen::emit::k8s {

// Whether a service runs pods of its own in the services namespace (an
// app-server is served by the gateway; service-proxy is not orderable).
bool runs_service_pods(const model::Service& s);

// The service's declared egress hosts that `policy.allowedEgress` permits
// (exact names, or `*.suffix` patterns), in declaration order.
std::vector<std::string> permitted_egress_hosts(const model::Model& m, const model::Service& s);

std::vector<nlohmann::ordered_json> services_network_policies(const model::Model& m);
std::vector<nlohmann::ordered_json> platform_network_policies(const model::Model& m);

}  // namespace ivcapgen::emit::k8s
