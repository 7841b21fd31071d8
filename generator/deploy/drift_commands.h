#pragma once
// `drift` and `reconcile` of one environment, as library functions in the
// manner of deploy_commands.h (same DeployRequest and DeployIo), for every
// provider: the target chosen by spec.provider describes drift as a Plan
// (DeployTarget::drift) — the local target by looking at its processes and
// gateway, the cloud target by comparing the live cluster — and reconcile
// applies exactly that plan through the same target, then looks again.
#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

#include "deploy/deploy_commands.h"
#include "deploy/local/local_target.h"

namespace ivcapgen::deploy {

struct DriftRequest {
  DeployRequest deploy;              // format (text|markdown|json), options, lock handling
  bool prune = false;                // reconcile: also remove unexpected objects
  local::LocalTargetSettings local;  // --runtime-dir for the local provider
  // reconcile: kubectl apply --force-conflicts (take fields back from other
  // field managers).
  bool force_conflicts = false;
  // reconcile: also bring infrastructure (Terraform) drift back with a
  // terraform plan + apply; without it infrastructure drift is only reported.
  bool infrastructure = false;
  // reconcile --watch INTERVAL: run again every interval; `watch_iterations`
  // bounds the loop (0: until killed), `sleep` waits (tests pass a no-op).
  std::optional<std::chrono::seconds> watch;
  int watch_iterations = 0;
  std::function<void(std::chrono::seconds)> sleep;
  // When history.jsonl says a change was made (tests pass a fixed clock).
  std::function<std::chrono::system_clock::time_point()> now = &std::chrono::system_clock::now;
};

// Prints the drift (stdout); exit 0 none, 2 drift, 1 error.
int drift_environment(const model::Model& model, const DriftRequest& request, DeployIo& io,
                      tools::CommandRunner& runner);
// Re-applies what drifted, then checks again; exit 0 when nothing drifts any
// more (unexpected objects are left alone without --prune, infrastructure
// without --infrastructure), 1 otherwise. Every change made is appended to
// .ivcapgen/<env>/history.jsonl. With `watch`, runs again every interval
// (each round takes and releases the lock); the exit code is the last round's.
int reconcile_environment(const model::Model& model, const DriftRequest& request, DeployIo& io,
                          tools::CommandRunner& runner);

// The drift plan without the deletions of unexpected objects (reconcile
// without --prune).
Plan without_deletions(const Plan& plan);
// The drift plan narrowed to what reconcile may change: deletions only with
// `prune`, Terraform drift only with `infrastructure`.
Plan reconcilable(const Plan& plan, bool prune, bool infrastructure);

// "30s", "5m", "1h", "90" (seconds); nullopt when it is none of these or 0.
std::optional<std::chrono::seconds> parse_watch_interval(std::string_view text);

}  // namespace ivcapgen::deploy
