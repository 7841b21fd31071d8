#pragma once
// DeployTarget: what `plan`, `apply`, `destroy` and `drift` call, one
// implementation per kind of provider, chosen by spec.provider:
//   - the cloud target (aws, azure): Terraform, kubectl, Helm and the
//     gateway's REST API, in the waves of SPEC 4 (deploy/cloud_target.cpp);
//   - the local target (local): the reference runtime as local processes
//     (deploy/local/).
// The CLI does the shared parts: it builds the desired output, takes the
// state lock (for apply and destroy), loads the state, and hands all of it
// over in a TargetContext. A target saves the state (StateStore::save) after
// every step it completes, so an interrupted run leaves a readable state and
// running it again converges.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "deploy/plan.h"
#include "deploy/progress.h"
#include "deploy/state.h"
#include "model/model.h"
#include "output/output_tree.h"
#include "tools/command_runner.h"
#include "tools/redactor.h"
#include "tools/tool_locator.h"
#include "tools/tool_result.h"

namespace ivcapgen::deploy {

struct DeployOptions {
  // Change nothing: print the commands and requests that would be made.
  bool dry_run = false;
  // apply: waves before this one are skipped (resuming a failed apply).
  int from_wave = 0;
  // apply: only these layers (kLayerTerraform, kLayerHelm, kLayerKubernetes,
  // kLayerServices); empty means all.
  std::set<std::string> only_layers;

  // Where the external tools are (flags win over PATH); asked for by the
  // stage that needs one, never earlier.
  tools::ToolOverrides tools;
  std::string path_variable;
  // Cluster access given by the user instead of derived from Terraform outputs.
  std::optional<std::string> kube_context;
  std::optional<std::filesystem::path> kubeconfig;
  // An offline provider mirror for `terraform init -plugin-dir`.
  std::optional<std::filesystem::path> terraform_plugin_dir;
  // The gateway to register services with (default https://api.<domain>)
  // and the bearer token for it. The token is never logged or stored.
  std::optional<std::string> gateway_url;
  std::optional<std::string> token;
  // How long a readiness gate waits for one object.
  std::chrono::seconds rollout_timeout{300};

  bool wants_layer(std::string_view layer) const {
    return only_layers.empty() || only_layers.count(std::string(layer)) > 0;
  }
};

struct TargetContext {
  const model::Model& model;
  const output::OutputTree& desired;  // the build output (SPEC 3) to deploy
  std::filesystem::path desired_dir;  // the same tree on disk, for the tools to read
  std::filesystem::path state_dir;    // .ivcapgen/<env>: state, lock, kubeconfig, plan files
  const StateStore& store;
  State& state;                  // as loaded (under the lock for apply and destroy)
  tools::CommandRunner& runner;  // wraps the real, dry-run or scripted runner
  tools::Redactor& redactor;     // learns secrets as they appear (token, sensitive outputs)
  Progress& progress;
  DeployOptions options;
};

// Why a run stopped: which wave and step, what is wrong, and the evidence.
struct DeployFailure {
  int wave = 0;
  std::string stage;    // "runtime"
  std::string message;  // "deployment/gateway in ivcap-system did not become ready"
  // Supporting lines: the condition that was not met, the last events, the
  // tail of the tool's output.
  std::vector<std::string> details;
};

struct DeployReport {
  std::vector<int> completed_waves;
  std::optional<DeployFailure> failure;
  std::vector<std::string> warnings;
  bool ok() const { return !failure.has_value(); }
};

// How `reconcile` may change things beyond re-applying what drifted.
struct ReconcileOptions {
  // kubectl apply --force-conflicts: take fields back from other managers.
  bool force_conflicts = false;
  // Called once for every change made (for the history), in order.
  std::function<void(int wave, const PlannedChange& change)> on_change;
};

class DeployTarget {
 public:
  virtual ~DeployTarget() = default;

  // The unified plan of the desired output against the live system.
  virtual tools::ToolResult<Plan> plan(TargetContext& context) = 0;
  // Applies the desired output wave by wave, each behind its readiness gate.
  // `plan` is the plan that was shown and confirmed, when there is one (the
  // target may skip waves it shows as unchanged).
  virtual DeployReport apply(TargetContext& context, const Plan* plan) = 0;
  // Removes everything the state records, in reverse wave order.
  virtual DeployReport destroy(TargetContext& context) = 0;
  // The live system against the declared state, as a plan of what would
  // bring it back: update = modified, create = missing, delete = unexpected.
  virtual tools::ToolResult<Plan> drift(TargetContext& context) = 0;
  // Makes every change of `drift` (a drift plan, already narrowed to what may
  // be touched) and nothing else. By default: apply that plan.
  virtual DeployReport reconcile(TargetContext& context, const Plan& drift,
                                 const ReconcileOptions& options) {
    DeployReport report = apply(context, &drift);
    if (!report.ok() || !options.on_change || context.options.dry_run) return report;
    for (const auto& w : drift.waves) {
      for (const auto& c : w.changes) {
        if (c.action != Action::NoOp) options.on_change(w.wave, c);
      }
    }
    return report;
  }
};

// provider aws or azure (deploy/cloud_target.cpp).
std::unique_ptr<DeployTarget> make_cloud_target();
// provider local (deploy/local/).
std::unique_ptr<DeployTarget> make_local_target();

}  // namespace ivcapgen::deploy
