#include "emit/argo/service_pod.h"

#include <algorithm>

#include "emit/kubernetes/objects.h"
#include "model/quantity.h"
#include "output/yaml_writer.h"

namespace ivcapgen::emit::k8s {

namespace {

constexpr std::string_view kAmounts[] = {"cpu", "memory", "ephemeral-storage"};
constexpr std::string_view kGpuResource = "nvidia.com/gpu";

// The sidecar is small: it only relays artifact reads and writes.
const model::ResourceAmounts kSidecarRequests = model::amounts("50m", "64Mi");
const model::ResourceAmounts kSidecarLimits = model::amounts("200m", "128Mi");

Json filled(const Json& given, const Json& defaults) {
  Json out = given.is_object() ? given : Json::object();
  for (const auto& [key, value] : defaults.items()) {
    if (!out.contains(key)) out[key] = value;
  }
  return out;
}

std::string quantity_text(const Json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

// a <= b for two quantities; false when either does not parse.
bool at_most(const Json& a, const Json& b) {
  auto qa = model::parse_quantity(quantity_text(a));
  auto qb = model::parse_quantity(quantity_text(b));
  return qa && qb && qa->milli <= qb->milli;
}

const model::Text& amount(const model::ResourceAmounts& a, std::string_view key) {
  if (key == "cpu") return a.cpu;
  if (key == "memory") return a.memory;
  return a.ephemeral_storage;
}

// One amount (cpu, memory, ...) of requests and limits, with its defaults.
void fill_amount(Json& requests, Json& limits, std::string_view key,
                 const model::ResourceAmounts& default_requests,
                 const model::ResourceAmounts& default_limits) {
  const std::string k(key);
  const std::string& dreq = *amount(default_requests, key);
  const std::string& dlim = *amount(default_limits, key);
  bool has_req = requests.contains(k), has_lim = limits.contains(k);
  if (!has_req && !dreq.empty()) {
    requests[k] = has_lim && !at_most(Json(dreq), limits[k]) ? limits[k] : Json(dreq);
  }
  if (!has_lim && !dlim.empty()) {
    limits[k] = has_req && !at_most(requests[k], Json(dlim)) ? requests[k] : Json(dlim);
  }
}

// cpu, memory, ephemeral-storage first, then the rest as given.
Json ordered_amounts(const Json& amounts) {
  Json out = Json::object();
  for (auto key : kAmounts) {
    if (amounts.contains(std::string(key))) out[std::string(key)] = amounts[std::string(key)];
  }
  for (const auto& [key, value] : amounts.items()) {
    if (!out.contains(key)) out[key] = value;
  }
  return out;
}

Json amounts_json(const model::ResourceAmounts& a) {
  Json j = Json::object();
  for (auto key : kAmounts) {
    if (!amount(a, key)->empty()) j[std::string(key)] = *amount(a, key);
  }
  return j;
}

void set_pair(Json& requests, Json& limits, std::string_view key,
              const model::Located<model::ResourcePair>& pair) {
  if (!pair.present) return;
  if (!pair->request->empty()) requests[std::string(key)] = *pair->request;
  if (!pair->limit->empty()) limits[std::string(key)] = *pair->limit;
}

}  // namespace

bool uses_proxy_sidecar(const model::Model& m) {
  return *m.env().runtime->data_proxy->mode != "node";
}

Json restricted_container_context(const Json& given) {
  Json out = filled(given, restricted_container_security_context());
  Json& caps = out["capabilities"];
  if (!caps.is_object()) caps = Json::object();
  Json& drop = caps["drop"];
  if (!drop.is_array()) drop = Json::array();
  if (std::find(drop.begin(), drop.end(), Json("ALL")) == drop.end()) drop.push_back("ALL");
  return out;
}

Json restricted_pod_context(const Json& given) {
  return filled(given, restricted_pod_security_context());
}

Json resources_with_defaults(const model::Model& m, const Json& given) {
  const auto& defaults = m.env().resources->defaults.value;
  Json requests =
      given.is_object() && given.contains("requests") ? given["requests"] : Json::object();
  Json limits = given.is_object() && given.contains("limits") ? given["limits"] : Json::object();
  for (auto key : kAmounts) {
    fill_amount(requests, limits, key, defaults.requests.value, defaults.limits.value);
  }
  Json out = given.is_object() ? given : Json::object();
  out.erase("limits");
  out.erase("requests");
  Json ordered = Json::object();
  if (!limits.empty()) ordered["limits"] = ordered_amounts(limits);
  if (!requests.empty()) ordered["requests"] = ordered_amounts(requests);
  for (const auto& [key, value] : out.items()) ordered[key] = value;  // e.g. claims
  return ordered;
}

Json controller_resources(const model::Model& m, const model::ContainerResources& r) {
  Json requests = amounts_json(r.resources->requests.value);
  Json limits = amounts_json(r.resources->limits.value);
  set_pair(requests, limits, "cpu", r.cpu);
  set_pair(requests, limits, "memory", r.memory);
  set_pair(requests, limits, "ephemeral-storage", r.ephemeral_storage);
  if (*r.gpu_number > 0) limits[std::string(kGpuResource)] = std::to_string(*r.gpu_number);
  Json given = Json::object();
  if (!limits.empty()) given["limits"] = std::move(limits);
  if (!requests.empty()) given["requests"] = std::move(requests);
  return resources_with_defaults(m, given);
}

const model::NodePool* gpu_pool(const model::Model& m, const model::ContainerResources& r) {
  if (r.gpu_type->empty() && *r.gpu_number <= 0) return nullptr;
  for (const auto& pool : *m.env().cluster->node_pools) {
    if (!pool->gpu.present) continue;
    if (r.gpu_type->empty() || *pool->gpu->type == *r.gpu_type) return &pool.value;
  }
  return nullptr;
}

Json pool_node_selector(const model::NodePool& pool) {
  Json selector = Json::object();
  for (const auto& [key, value] : *pool.labels) selector[key] = *value;
  return selector;
}

Json pool_tolerations(const model::NodePool& pool) {
  Json out = Json::array();
  for (const auto& taint : *pool.taints) {
    Json t;
    t["key"] = *taint->key;
    if (taint->value->empty()) {
      t["operator"] = "Exists";
    } else {
      t["operator"] = "Equal";
      t["value"] = *taint->value;
    }
    t["effect"] = *taint->effect;
    out.push_back(std::move(t));
  }
  return out;
}

Json ivcap_env(const model::Model& m, const model::Service& s, std::string_view order_id) {
  auto var = [](std::string_view name, std::string_view value) {
    return Json{{"name", name}, {"value", value}};
  };
  Json env = Json::array();
  env.push_back(var("IVCAP_SERVICE_ID", s.id));
  if (!order_id.empty()) env.push_back(var("IVCAP_ORDER_ID", order_id));
  env.push_back(var("IVCAP_BASE_URL", gateway_url(m)));
  env.push_back(var("IVCAP_PROXY_URL", data_proxy_url(m)));
  env.push_back(var("IVCAP_RESULT_PATH", kResultsPath));
  return env;
}

Json merged_env(Json ours, const Json& user) {
  if (!user.is_array()) return ours;
  std::vector<std::string> names;
  for (const auto& e : ours) names.push_back(e.value("name", ""));
  for (const auto& e : user) {
    std::string name = e.is_object() ? e.value("name", "") : "";
    if (std::find(names.begin(), names.end(), name) == names.end()) ours.push_back(e);
  }
  return ours;
}

Json env_list(const model::TextMap& env) {
  Json out = Json::array();
  for (const auto& [name, value] : *env) out.push_back({{"name", name}, {"value", *value}});
  return out;
}

void add_mount(Json& container, std::string_view volume, std::string_view path, bool read_only) {
  Json& mounts = container["volumeMounts"];
  if (!mounts.is_array()) mounts = Json::array();
  for (const auto& existing : mounts) {
    if (existing.value("name", "") == volume || existing.value("mountPath", "") == path) return;
  }
  Json mount = {{"name", volume}, {"mountPath", path}};
  if (read_only) mount["readOnly"] = true;
  mounts.push_back(std::move(mount));
}

void add_service_mounts(Json& container) {
  add_mount(container, kResultsVolume, kResultsPath);
  add_mount(container, kTmpVolume, "/tmp");
}

Json service_volumes(const model::Model& m, const model::Service& s,
                     std::string_view shared_memory) {
  Json volumes = Json::array({{{"name", kResultsVolume}, {"emptyDir", Json::object()}},
                              {{"name", kTmpVolume}, {"emptyDir", Json::object()}}});
  if (!shared_memory.empty()) {
    volumes.push_back({{"name", kSharedMemoryVolume},
                       {"emptyDir", {{"medium", "Memory"}, {"sizeLimit", shared_memory}}}});
  }
  if (uses_proxy_sidecar(m)) {
    volumes.push_back(
        {{"name", kProxyConfigVolume}, {"configMap", {{"name", data_proxy_config_name(m, s)}}}});
  }
  return volumes;
}

Json shared_memory_mount() {
  return {{"name", kSharedMemoryVolume}, {"mountPath", "/dev/shm"}};
}

Json data_proxy_sidecar(const model::Model& m) {
  const auto& spec = m.env().runtime->data_proxy.value;
  Json given = spec.resources.present
                   ? resources(spec.resources->requests.value, spec.resources->limits.value)
                   : Json::object();
  Json requests = given.value("requests", Json::object());
  Json limits = given.value("limits", Json::object());
  for (auto key : {std::string_view("cpu"), std::string_view("memory")}) {
    fill_amount(requests, limits, key, kSidecarRequests, kSidecarLimits);
  }
  Json c;
  c["name"] = kDataProxySidecar;
  c["image"] = runtime_image(m, "data-proxy");
  c["imagePullPolicy"] = *m.env().runtime->image->pull_policy;
  c["args"] = {"--config", std::string(kProxyConfigDir) + "/config.json"};
  c["resources"] = {{"limits", ordered_amounts(limits)}, {"requests", ordered_amounts(requests)}};
  c["securityContext"] = restricted_container_security_context();
  c["volumeMounts"] = Json::array(
      {{{"name", kProxyConfigVolume}, {"mountPath", kProxyConfigDir}, {"readOnly", true}},
       {{"name", kResultsVolume}, {"mountPath", kResultsPath}, {"readOnly", true}},
       {{"name", kTmpVolume}, {"mountPath", "/tmp"}}});
  return c;
}

std::string data_proxy_config_name(const model::Model& m, const model::Service& s) {
  return model::service_object_name(m, s) + "-data-proxy";
}

std::string data_proxy_config_text(const model::Model& m, const model::Service& s) {
  Json config = {{"listen", "127.0.0.1:" + std::to_string(kDataProxyPort)},
                 {"gatewayUrl", gateway_url(m)},
                 {"service", s.id},
                 {"resultPath", kResultsPath}};
  return output::to_json_text(config);
}

Json data_proxy_config_map(const model::Model& m, const model::Service& s) {
  std::string name = data_proxy_config_name(m, s);
  Json cm = object("v1", "ConfigMap", name, *m.env().namespaces->services,
                   standard_labels(m, name, "data-proxy", &s));
  cm["data"] = {{"config.json", data_proxy_config_text(m, s)}};
  return cm;
}

Json service_pod_labels(const model::Model& m, const model::Service& s,
                        std::string_view component) {
  return standard_labels(m, model::service_object_name(m, s), component, &s);
}

Json service_annotations(const model::Service& s) {
  return {{"ivcap.io/service-id", s.id}, {"ivcap.io/description-sha256", s.description_hash}};
}

}  // namespace ivcapgen::emit::k8s
