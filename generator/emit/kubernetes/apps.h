#pragma once
// k8s/30-apps/<service>.yaml (wave 5), SPEC 2.3 and 2.5: an app-server
// service is an Ingress for its host in the platform namespace, routed to
// the gateway (which serves the artifact; its route entry is part of the
// gateway's configuration); a rest/dynamic service is a Deployment, a
// Service, an HPA (when replicas.max > replicas.min >= 1 and it does not
// scale to zero) and an Ingress at api.<domain>/<project>-<name> in the
// services namespace, preceded by its data proxy ConfigMap in sidecar mode.
// Other controllers have no file here (service-proxy is catalog only).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/model.h"

namespace ivcapgen::emit::k8s {

using Json = nlohmann::ordered_json;

std::string app_path(const model::Service& s);  // k8s/30-apps/<name>.yaml

// Empty for services that have no objects here.
std::vector<Json> app_objects(const model::Model& m, const model::Service& s);

std::vector<Json> app_server_objects(const model::Model& m, const model::Service& s);
// dynamic_service.cpp
std::vector<Json> dynamic_service_objects(const model::Model& m, const model::Service& s);

// Whether a host can get a certificate from a public CA (not localhost or
// *.localhost, RFC 6761): the gateway's Ingress follows the same rule.
bool can_have_public_certificate(std::string_view host);
// The ClusterIssuer every ivcapgen Ingress asks cert-manager for.
inline constexpr std::string_view kClusterIssuer = "letsencrypt";
inline constexpr std::string_view kIngressClass = "nginx";

// An Ingress rule for one host and path prefix to a Service port name.
Json ingress_rule(std::string_view host, std::string_view path, std::string_view service,
                  std::string_view port_name);

}  // namespace ivcapgen::emit::k8s
