#pragma once
// Building blocks every Kubernetes emitter uses: object skeletons, the
// labels every object carries (SPEC 3), restricted security contexts,
// resources, and the names of platform things (images, services, ports).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "model/model.h"

namespace ivcapgen::emit::k8s {

using Json = nlohmann::ordered_json;

// managed-by, part-of, environment; plus app.kubernetes.io/name and
// component when given, and ivcap.io/service for a service's objects.
Json standard_labels(const model::Model& m, std::string_view name = {},
                     std::string_view component = {}, const model::Service* service = nullptr);
// Selector labels: the stable subset used by selectors (name + instance).
Json selector_labels(const model::Model& m, std::string_view name);

// {apiVersion, kind, metadata: {name, namespace?, labels, annotations?}}.
Json object(std::string_view api_version, std::string_view kind, std::string_view name,
            std::string_view namespace_, Json labels, Json annotations = nullptr);

// Pod Security "restricted" defaults.
Json restricted_container_security_context();
Json restricted_pod_security_context();

// {requests, limits} from amounts; empty fields are left out.
Json resources(const model::ResourceAmounts& requests, const model::ResourceAmounts& limits);
Json resources(const model::ResourceRequirements& r);

// <registry>/ivcap-<component>:<tag>
std::string runtime_image(const model::Model& m, std::string_view component);

// In-cluster names and ports of the runtime components.
inline constexpr int kGatewayPort = 8080;
inline constexpr int kDispatcherPort = 8080;
inline constexpr int kExitHandlerPort = 8080;
inline constexpr int kDataProxyPort = 8181;      // sidecar and node proxy (SPEC 2.5)
std::string gateway_url(const model::Model& m);  // http://ivcap-gateway.<platform>.svc:8080
std::string exit_handler_url(
    const model::Model& m);                         // http://ivcap-exit-handler.<platform>.svc:8080
std::string data_proxy_url(const model::Model& m);  // the sidecar or node proxy URL a pod uses

// The environment's API host: api.<domain>.
std::string api_host(const model::Model& m);

}  // namespace ivcapgen::emit::k8s
