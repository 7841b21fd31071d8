#pragma once
// `drift` and `reconcile` of one environment, as library functions in the
// manner of deploy_commands.h (same DeployRequest and DeployIo), for every
// provider: the target chosen by spec.provider describes drift as a Plan
// (DeployTarget::drift) — the local target by looking at its processes and
// gateway, the cloud target by comparing the live cluster — and reconcile
// applies exactly that plan through the same target, then looks again.
#include "deploy/deploy_commands.h"
#include "deploy/local/local_target.h"

namespace ivcapgen::deploy {

struct DriftRequest {
  DeployRequest deploy;              // format (text|markdown|json), options, lock handling
  bool prune = false;                // reconcile: also remove unexpected objects
  local::LocalTargetSettings local;  // --runtime-dir for the local provider
};

// Prints the drift (stdout); exit 0 none, 2 drift, 1 error.
int drift_environment(const model::Model& model, const DriftRequest& request, DeployIo& io,
                      tools::CommandRunner& runner);
// Re-applies what drifted, then checks again; exit 0 when nothing drifts any
// more (unexpected objects are left alone without --prune), 1 otherwise.
int reconcile_environment(const model::Model& model, const DriftRequest& request, DeployIo& io,
                          tools::CommandRunner& runner);

// The drift plan without the deletions of unexpected objects (reconcile
// without --prune).
Plan without_deletions(const Plan& plan);

}  // namespace ivcapgen::deploy
