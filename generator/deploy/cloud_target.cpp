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

  // Drift of the three layers: what changed outside Terraform (a
  // refresh-only plan), the Helm releases, the cluster's objects (honouring
  // drift.ignore). Registrations are apply's business.
  tools::ToolResult<Plan> drift(TargetContext& context) override {
    auto desired = read_desired_state(context.desired);
    if (!desired) return desired.error();
    CloudTools cloud(context);
    PlanScope scope;
    scope.terraform_refresh_only = true;
    scope.registration = false;
    scope.require_cluster_access = true;
    std::vector<std::string> rules;
    for (const auto& rule : context.model.env().drift->ignore.value) rules.push_back(*rule);
    scope.ignore = model::parse_drift_ignore_rules(rules);
    return plan_cloud(context, cloud, *desired, scope);
  }

  DeployReport reconcile(TargetContext& context, const Plan& drift,
                         const ReconcileOptions& options) override {
    return reconcile_cloud(context, drift, options);
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
