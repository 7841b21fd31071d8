#pragma once
// What every service pod gets, whether Argo runs it (k8s/20-workflowtemplates)
// or a Deployment does (k8s/30-apps): restricted security contexts that keep
// what the user wrote, resources with the environment's defaults, GPU
// scheduling on the matching node pool, the data proxy (a sidecar in the
// pod, or the node proxy's address) and the IVCAP_* environment (SPEC 2.4,
// 2.5, 3). Both emitters build pods from these so that the sandbox is the
// same for every kind of service.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "model/model.h"

namespace ivcapgen::emit::k8s {

using Json = nlohmann::ordered_json;

// Names ivcapgen adds to service pods ("ivcap-" is reserved for them).
inline constexpr std::string_view kDataProxySidecar = "ivcap-data-proxy";
inline constexpr std::string_view kResultsVolume = "ivcap-results";
inline constexpr std::string_view kResultsPath = "/ivcap/results";
inline constexpr std::string_view kTmpVolume = "ivcap-tmp";
inline constexpr std::string_view kSharedMemoryVolume = "ivcap-shm";
inline constexpr std::string_view kProxyConfigVolume = "ivcap-data-proxy-config";
// Where the sidecar reads its config.json, as the runtime components do
// (`--config /etc/ivcap/config.json`).
inline constexpr std::string_view kProxyConfigDir = "/etc/ivcap";

// True when every service pod carries its own data proxy.
bool uses_proxy_sidecar(const model::Model& m);

// A container securityContext as the user wrote it (or null), with every
// field of the restricted profile it leaves out filled in. Validation has
// already refused the non-compliant values, so nothing given is overridden;
// only `ALL` is added to a `capabilities.drop` that lacks it.
Json restricted_container_context(const Json& given);
// The same for a pod securityContext.
Json restricted_pod_context(const Json& given);

// Container resources in Kubernetes form as written (or null), completed
// with the environment's `resources.defaults` amount by amount: a missing
// request defaults to the default request, but never above the limit given;
// a missing limit to the default limit, but never below the request given.
// Other resources (nvidia.com/gpu, ...) are kept. limits before requests.
Json resources_with_defaults(const model::Model& m, const Json& given);
// basic/batch and rest/dynamic: cpu/memory/ephemeral-storage {request,
// limit} or resources {requests, limits}, then the defaults, then
// `gpu-number` GPUs as nvidia.com/gpu limits.
Json controller_resources(const model::Model& m, const model::ContainerResources& r);

// The node pool whose GPU type is `gpu-type`: its labels as nodeSelector and
// its taints as tolerations. Null when no GPU is asked for (or no pool has
// it: validation reports that).
const model::NodePool* gpu_pool(const model::Model& m, const model::ContainerResources& r);
Json pool_node_selector(const model::NodePool& pool);
Json pool_tolerations(const model::NodePool& pool);

// IVCAP_* for a service container: service id, order id (when not empty:
// workflows pass an Argo variable), gateway, data proxy (with the node's
// address from the downward API in node mode) and the results directory.
Json ivcap_env(const model::Model& m, const model::Service& s, std::string_view order_id);
// `ours` followed by the user's entries whose names ours do not have.
Json merged_env(Json ours, const Json& user);
// Environment variables from a controller's `env` map (sorted by name).
Json env_list(const model::TextMap& env);

// volumeMounts entry; appended unless the container already mounts that
// volume or that path.
void add_mount(Json& container, std::string_view volume, std::string_view path,
               bool read_only = false);
// The results and /tmp mounts every service container gets (its root file
// system is read-only).
void add_service_mounts(Json& container);

// The volumes those mounts and the sidecar use, plus /dev/shm when
// `shared_memory` is a size.
Json service_volumes(const model::Model& m, const model::Service& s,
                     std::string_view shared_memory = {});
Json shared_memory_mount();

// Sidecar mode: the data proxy container, listening on 127.0.0.1:8181 and
// talking to the gateway, configured by data_proxy_config_map().
Json data_proxy_sidecar(const model::Model& m);
std::string data_proxy_config_name(const model::Model& m, const model::Service& s);
Json data_proxy_config_map(const model::Model& m, const model::Service& s);
std::string data_proxy_config_text(const model::Model& m, const model::Service& s);

// Labels of a service's pods: the standard labels with ivcap.io/service,
// which the service's NetworkPolicy selects.
Json service_pod_labels(const model::Model& m, const model::Service& s, std::string_view component);
// ivcap.io/service-id and ivcap.io/description-sha256.
Json service_annotations(const model::Service& s);

}  // namespace ivcapgen::emit::k8s
