#pragma once
// Wave 3 of the plan: each Helm release of the build against `helm status`
// and `helm get values` (one pair of calls per release): a missing release is
// a create; a different chart, version, status or values an update with the
// values diff; a release the state recorded that the build no longer has, a
// delete.
#include <chrono>
#include <filesystem>
#include <optional>
#include <vector>

#include "deploy/desired_state.h"
#include "deploy/plan.h"
#include "deploy/state.h"
#include "tools/helm.h"

namespace ivcapgen::deploy {

// Pure: one release against what Helm reported (nullopt: not installed).
PlannedChange compare_release(const DesiredRelease& desired,
                              const std::optional<tools::HelmRelease>& status,
                              const nlohmann::json& live_values);

tools::ToolResult<std::vector<PlannedChange>> helm_changes(tools::Helm& helm,
                                                           const DesiredState& desired,
                                                           const State& state);
// Every release as a create, for a cluster that does not exist yet.
std::vector<PlannedChange> helm_creates(const DesiredState& desired);

// `helm upgrade --install` of a release of the build, with the values file
// of the build in `desired_dir`.
tools::HelmUpgradeRequest upgrade_request(const DesiredRelease& release,
                                          const std::filesystem::path& desired_dir,
                                          std::chrono::seconds timeout);
// What the state records of an installed release (revision 0: unknown).
InventoryEntry release_inventory_entry(const DesiredRelease& release, int revision);

// "helm/<namespace>/<release>" split back; nullopt for other keys.
std::optional<std::pair<std::string, std::string>> parse_helm_key(std::string_view key);

}  // namespace ivcapgen::deploy
