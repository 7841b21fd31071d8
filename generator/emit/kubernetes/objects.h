#pragma once
// Building blocks every Kubernetes emitter uses: object skeletons, the
// labels every object carries (SPEC 3), restricted security contexts,
// resources, and the names of platform things (images, services, ports).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

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

// Object names of the runtime components: each one's Deployment (or
// DaemonSet), Service, ConfigMap, ServiceAccount and NetworkPolicy share it.
inline constexpr std::string_view kGatewayName = "ivcap-gateway";
inline constexpr std::string_view kDispatcherName = "ivcap-dispatcher";
inline constexpr std::string_view kDataProxyName = "ivcap-data-proxy";
inline constexpr std::string_view kExitHandlerName = "ivcap-exit-handler";
// The ServiceAccount (services namespace) every WorkflowTemplate runs as.
inline constexpr std::string_view kWorkflowServiceAccount = "ivcap-workflow";
// The one Secret that account may read: the artifact repository credentials.
inline constexpr std::string_view kArtifactRepositorySecret = "ivcap-artifact-repository";

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
// An app-server controller's host: as written when it has a dot, else
// <label>.<domain> (SPEC 2.3).
std::string app_server_host(const model::Model& m, const model::Service& s);

// Namespace of a third-party component's Helm release: its `namespace`
// when set, else the pinned default (roles "platform"/"argo" resolved).
std::string component_namespace(const model::Model& m, std::string_view component);

// "<namespace>:<serviceaccount>" of the runtime components that move
// artifacts and so need the cloud storage identity (Terraform's
// data_proxy_service_accounts): the node proxy, or in sidecar mode the
// gateway, which is then the sidecars' upstream.
std::vector<std::string> artifact_store_service_accounts(const model::Model& m);

}  // namespace ivcapgen::emit::k8s
