#include "deploy/cloud_target.h"

#include "deploy/cloud_planner.h"
#include "deploy/cloud_tools.h"
#include "deploy/desired_state.h"

namespace ivcapgen::deploy {

namespace {

class CloudTarget final : public DeployTarget {
 public:
  explicit CloudTarget(CloudTargetOptions options) : options_(std::move(options)) {}

  tools::ToolResult<Plan> plan(TargetContext& context) override {
    auto desired = read_desired_state(context.desired);
    if (!desired) return desired.error();
    CloudTools cloud(context);
    return plan_cloud(context, cloud, *desired);
  }

  DeployReport apply(TargetContext& context, const Plan* plan) override {
    return apply_cloud(context, plan, options_);
  }

  DeployReport destroy(TargetContext& context) override { return destroy_cloud(context, options_); }

  // Drift is about what runs: the cluster's objects and releases. Terraform's
  // own drift shows in the plan of wave 0.
  tools::ToolResult<Plan> drift(TargetContext& context) override {
    auto desired = read_desired_state(context.desired);
    if (!desired) return desired.error();
    CloudTools cloud(context);
    PlanScope scope;
    scope.terraform = false;
    scope.registration = false;
    return plan_cloud(context, cloud, *desired, scope);
  }

 private:
  CloudTargetOptions options_;
};

}  // namespace

std::unique_ptr<DeployTarget> make_cloud_target(CloudTargetOptions options) {
  return std::make_unique<CloudTarget>(std::move(options));
}

std::unique_ptr<DeployTarget> make_cloud_target() {
  return make_cloud_target(CloudTargetOptions{});
}

}  // namespace ivcapgen::deploy
