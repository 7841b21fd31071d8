#pragma once
// The DeployTarget of `provider: local` (deploy/target.h): plan, apply,
// drift and destroy through LocalPlatform, over the declaration taken from
// the in-memory build the CLI hands over. Waves: 4 (runtime: the four
// processes, addresses "component <name>") and 6 (registration: "service
// <name>"). A plan given to apply limits it to the plan's changes, which is
// how `reconcile` restarts exactly what drifted.
#include <filesystem>
#include <memory>
#include <optional>

#include "deploy/local/component_supervisor.h"
#include "deploy/local/local_platform.h"
#include "deploy/target.h"

namespace ivcapgen::deploy::local {

struct LocalTargetSettings {
  // --runtime-dir: where ivcap-gateway & co. are (default: beside ivcapgen, then PATH).
  std::optional<std::filesystem::path> runtime_dir;
  SupervisorTimings timings;
  // destroy --purge: also delete data (artifacts, databases), logs and the token.
  bool purge = false;
};

class LocalTarget final : public DeployTarget {
 public:
  explicit LocalTarget(LocalTargetSettings settings = {}) : settings_(std::move(settings)) {}

  tools::ToolResult<Plan> plan(TargetContext& context) override;
  DeployReport apply(TargetContext& context, const Plan* plan) override;
  DeployReport destroy(TargetContext& context) override;
  tools::ToolResult<Plan> drift(TargetContext& context) override;

 private:
  LocalPlatform platform(TargetContext& context) const;
  LocalTargetSettings settings_;
};

std::unique_ptr<DeployTarget> make_local_target(LocalTargetSettings settings);

// The plan that brings the live system back to the declaration, from a
// check: create = missing or dead, replace = a running component to restart,
// update = a changed registration, delete = recorded but no longer declared.
// In-sync items are no-ops (kept only when `include_noops`).
Plan plan_from_check(const DriftReport& report, const State& state, bool include_noops);

}  // namespace ivcapgen::deploy::local
