#include "emit/kubernetes/isolation/resource_limits.h"

#include "emit/kubernetes/objects.h"

namespace ivcapgen::emit::k8s {

int64_t services_gpu_quota(const model::Model& m) {
  int64_t pool_gpus = 0;
  for (const auto& pool : *m.env().cluster->node_pools) {
    if (pool->gpu.present) pool_gpus += *pool->max * *pool->gpu->count;
  }
  if (pool_gpus == 0) return 0;  // nothing to schedule GPU pods on
  int64_t configured = *m.env().resources->quota->gpu;
  return configured > 0 ? configured : pool_gpus;
}

Json services_resource_quota(const model::Model& m) {
  const auto& quota = m.env().resources->quota.value;
  Json hard = Json::object();
  hard["pods"] = std::to_string(*quota.pods);
  hard["requests.cpu"] = *quota.cpu;
  hard["requests.memory"] = *quota.memory;
  if (int64_t gpus = services_gpu_quota(m); gpus > 0) {
    hard["requests.nvidia.com/gpu"] = std::to_string(gpus);
  }
  Json rq = object("v1", "ResourceQuota", kServicesQuotaName, *m.env().namespaces->services,
                   standard_labels(m, kServicesQuotaName, "quota"));
  rq["spec"] = {{"hard", std::move(hard)}};
  return rq;
}

Json services_limit_range(const model::Model& m) {
  Json defaults = resources(m.env().resources->defaults.value);
  Json limit = Json::object();
  limit["type"] = "Container";
  if (defaults.contains("limits")) limit["default"] = defaults["limits"];
  if (defaults.contains("requests")) limit["defaultRequest"] = defaults["requests"];
  Json lr = object("v1", "LimitRange", kContainerDefaultsName, *m.env().namespaces->services,
                   standard_labels(m, kContainerDefaultsName, "limits"));
  lr["spec"] = {{"limits", Json::array({std::move(limit)})}};
  return lr;
}

}  // namespace ivcapgen::emit::k8s
