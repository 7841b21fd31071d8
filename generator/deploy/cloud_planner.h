#pragma once
// The unified plan of a cloud environment: wave 0 from `terraform plan`
// (the plan file is kept for the apply), waves 2-5 from the live cluster
// when it can be reached (else everything is a create, with a note saying
// why), wave 6 from the registrations the state records.
#include "deploy/cloud_tools.h"
#include "deploy/desired_state.h"
#include "deploy/plan.h"
#include "deploy/target.h"
#include "model/drift_rule.h"

namespace ivcapgen::deploy {

struct PlanScope {
  bool terraform = true;  // wave 0
  // Wave 0 as infrastructure drift: `terraform plan -refresh-only` (what
  // changed outside Terraform) instead of what an apply would change.
  bool terraform_refresh_only = false;
  bool cluster = true;       // waves 1-5
  bool registration = true;  // wave 6
  // drift.ignore: fields of Kubernetes objects left out of the comparison.
  std::vector<model::DriftIgnoreRule> ignore;
  // Without access to the cluster (no kubeconfig yet), a plan creates
  // everything; a drift check cannot say anything and fails instead of
  // reporting every object missing.
  bool require_cluster_access = false;
};

tools::ToolResult<Plan> plan_cloud(TargetContext& context, CloudTools& cloud,
                                   const DesiredState& desired, const PlanScope& scope = {});

// .ivcapgen/<env>/drift.tfplan: the refresh-only plan of `drift` (never applied).
std::filesystem::path terraform_drift_plan_file(const TargetContext& context);

// An empty plan for the state and build in `context` (header fields only).
Plan plan_header(const TargetContext& context, const DesiredState& desired);

}  // namespace ivcapgen::deploy
