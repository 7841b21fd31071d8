#pragma once
// The unified plan of a cloud environment: wave 0 from `terraform plan`
// (the plan file is kept for the apply), waves 2-5 from the live cluster
// when it can be reached (else everything is a create, with a note saying
// why), wave 6 from the registrations the state records.
#include "deploy/cloud_tools.h"
#include "deploy/desired_state.h"
#include "deploy/plan.h"
#include "deploy/target.h"

namespace ivcapgen::deploy {

struct PlanScope {
  bool terraform = true;     // wave 0
  bool cluster = true;       // waves 1-5
  bool registration = true;  // wave 6
};

tools::ToolResult<Plan> plan_cloud(TargetContext& context, CloudTools& cloud,
                                   const DesiredState& desired, const PlanScope& scope = {});

// An empty plan for the state and build in `context` (header fields only).
Plan plan_header(const TargetContext& context, const DesiredState& desired);

}  // namespace ivcapgen::deploy
