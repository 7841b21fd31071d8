#pragma once
// The services namespace's ResourceQuota and LimitRange (SPEC 3): the
// quota caps what all services together may request; the LimitRange gives
// containers that declare nothing the environment's default resources, so
// that every pod can be admitted under the quota.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "model/model.h"

namespace ivcapgen::emit::k8s {

inline constexpr std::string_view kServicesQuotaName = "ivcap-services-quota";
inline constexpr std::string_view kContainerDefaultsName = "ivcap-container-defaults";

// GPUs the quota allows: `resources.quota.gpu`, or when that is 0 what the
// GPU pools hold at their maximum size (0: no GPU pool, no quota line).
int64_t services_gpu_quota(const model::Model& m);

nlohmann::ordered_json services_resource_quota(const model::Model& m);
nlohmann::ordered_json services_limit_range(const model::Model& m);

}  // namespace ivcapgen::emit::k8s
