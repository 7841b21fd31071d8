// reconcile for the cloud target: exactly the changes of a drift plan, and
// nothing else — no readiness gates, no cluster-access commands, no files
// applied whole:
//   - wave 0: `terraform plan` into the apply plan file, then `terraform
//     apply` of that file (only when the caller let infrastructure through);
//   - waves 2, 4, 5: one `kubectl apply --server-side -f -` per wave with the
//     drifted objects on stdin (a replaced object is deleted first), then the
//     pruned objects deleted one by one, each only while it carries our labels;
//   - wave 3: `helm upgrade --install` of each drifted release, `helm
//     uninstall` of each pruned one.
// The state records each object or release as soon as it is applied or
// removed, and the caller hears of every change (for the history).
#include <map>

#include "deploy/cloud_target.h"
#include "deploy/cloud_tools.h"
#include "deploy/desired_state.h"
#include "deploy/helm_changes.h"
#include "deploy/kubernetes_changes.h"
#include "deploy/stages.h"

namespace ivcapgen::deploy {

namespace {

using Step = std::optional<DeployFailure>;

bool applies(Action a) {
  return a == Action::Create || a == Action::Update || a == Action::Replace;
}

bool is_conflict(const tools::ToolError& e) {
  for (const auto& d : e.details) {
    if (d.find("conflict") != std::string::npos) return true;
  }
  return e.message.find("conflict") != std::string::npos;
}

class CloudReconciler {
 public:
  CloudReconciler(TargetContext& context, const DesiredState& desired, const Plan& drift,
                  const ReconcileOptions& options)
      : ctx_(context), cloud_(context), desired_(desired), drift_(drift), options_(options) {
    for (const auto& o : desired_.objects) objects_[o.key()] = &o;
    for (const auto& r : desired_.releases) releases_[r.key()] = &r;
  }

  DeployReport run() {
    DeployReport report;
    for (const auto& w : drift_.waves) {
      if (summarize(w).changes() == 0) continue;
      ctx_.progress.wave_started(w.wave, stage_of(w.wave).name);
      Step failed = run_wave(w);
      ctx_.progress.wave_finished(!failed);
      if (failed) {
        report.failure = std::move(failed);
        break;
      }
      report.completed_waves.push_back(w.wave);
    }
    report.warnings = warnings_;
    return report;
  }

 private:
  Step run_wave(const WavePlan& w) {
    switch (w.wave) {
      case emit::kWaveInfrastructure:
        return infrastructure(w);
      case emit::kWaveComponents:
        return components(w);
      case emit::kWaveNamespaces:
      case emit::kWaveRuntime:
      case emit::kWaveServices:
        return kubernetes(w);
      default:
        warnings_.push_back("reconcile does not change wave " + std::to_string(w.wave) + " (" +
                            std::string(stage_of(w.wave).name) + "); run apply for it");
        return std::nullopt;
    }
  }

  // ---- bookkeeping -------------------------------------------------------

  DeployFailure failure(int wave, std::string message, std::vector<std::string> details = {}) {
    return DeployFailure{wave, std::string(stage_of(wave).name), std::move(message),
                         std::move(details)};
  }
  DeployFailure failure(int wave, const tools::ToolError& e) {
    return failure(wave, e.message, e.details);
  }
  std::string label(int wave) const {
    return "wave " + std::to_string(wave) + " (" + std::string(stage_of(wave).name) + ")";
  }

  // Records what was done in the state, then tells the caller.
  Step done(int wave, const PlannedChange& c, std::optional<InventoryEntry> entry) {
    if (ctx_.options.dry_run) return std::nullopt;
    if (entry) {
      ctx_.state.inventory[c.key] = std::move(*entry);
    } else {
      ctx_.state.inventory.erase(c.key);
    }
    std::string error;
    if (!ctx_.store.save(ctx_.state, error))
      return failure(wave, "cannot write the state: " + error);
    if (options_.on_change) options_.on_change(wave, c);
    return std::nullopt;
  }

  // ---- wave 0 ------------------------------------------------------------

  // The drift was read by a refresh-only plan; bringing the infrastructure
  // back is an ordinary plan and the apply of exactly that plan file.
  Step infrastructure(const WavePlan& w) {
    auto tf = cloud_.terraform(label(0));
    if (!tf) return failure(0, tf.error());
    tools::TerraformPlanRequest request;
    request.out = cloud_.terraform_plan_file();
    ctx_.progress.step("terraform plan");
    auto planned = tf->plan(request);
    if (!planned) return failure(0, planned.error());
    if (planned->has_changes || ctx_.options.dry_run) {
      ctx_.progress.step("terraform apply " + planned->plan_file.filename().string());
      auto applied = tf->apply(planned->plan_file);
      if (!applied) return failure(0, applied.error());
    }
    for (const auto& c : w.changes) {
      if (c.action == Action::NoOp) continue;
      InventoryEntry e;
      e.hash = desired_.terraform_digest;
      e.wave = 0;
      e.details = {{"address", c.address}};
      if (auto f = done(0, c, std::move(e))) return f;
    }
    return std::nullopt;
  }

  // ---- waves 2, 4, 5 -----------------------------------------------------

  Step kubernetes(const WavePlan& w) {
    auto kubectl = cloud_.kubectl(label(w.wave));
    if (!kubectl) return failure(w.wave, kubectl.error());
    for (const auto& c : w.changes) {
      if (c.action != Action::Replace) continue;
      if (auto f = remove(w.wave, c, "immutable field changed")) return f;
    }
    Json items = Json::array();
    std::vector<std::pair<const PlannedChange*, const DesiredObject*>> applied;
    for (const auto& c : w.changes) {
      if (!applies(c.action)) continue;
      auto it = objects_.find(c.key);
      if (it == objects_.end()) {
        return failure(w.wave, c.address + " drifted but is not in the build");
      }
      items.push_back(it->second->object);
      applied.emplace_back(&c, it->second);
    }
    if (!items.empty()) {
      ctx_.progress.step("kubectl apply --server-side -f - (" + std::to_string(items.size()) +
                         " drifted object" + (items.size() == 1 ? ")" : "s)"));
      const Json list = {{"apiVersion", "v1"}, {"kind", "List"}, {"items", std::move(items)}};
      auto r = kubectl->apply_manifests(list.dump(), options_.force_conflicts);
      if (!r) {
        auto f = failure(w.wave, r.error());
        if (is_conflict(r.error()) && !options_.force_conflicts) {
          f.details.push_back(
              "another field manager owns some of these fields now; run reconcile "
              "--force-conflicts to take them back");
        }
        return f;
      }
      for (const auto& [change, object] : applied) {
        if (auto f = done(w.wave, *change, object_inventory_entry(*object))) return f;
      }
    }
    for (const auto& c : w.changes) {
      if (c.action != Action::Delete) continue;
      if (auto f = remove(w.wave, c, "pruned")) return f;
      if (auto f = done(w.wave, c, std::nullopt)) return f;
    }
    return std::nullopt;
  }

  // Deletes one object, and only while it carries this environment's labels.
  Step remove(int wave, const PlannedChange& c, const std::string& why) {
    auto key = parse_kube_key(c.key);
    if (!key) return failure(wave, "cannot delete " + c.address + ": unknown key " + c.key);
    auto command = cloud_.kubectl_command(
        label(wave), labelled_delete_args(*key, managed_selector(ctx_.model.name())));
    if (!command) return failure(wave, command.error());
    ctx_.progress.step("kubectl delete " + c.address + " (" + why + ")");
    const tools::CommandResult r = ctx_.runner.run(*command);
    if (!r.ok()) {
      return failure(wave, "kubectl delete " + c.address + " failed: " + r.describe(),
                     tools::tail_lines(ctx_.redactor.redact(r.err), 5));
    }
    return std::nullopt;
  }

  // ---- wave 3 ------------------------------------------------------------

  Step components(const WavePlan& w) {
    auto helm = cloud_.helm(label(3));
    if (!helm) return failure(3, helm.error());
    for (const auto& c : w.changes) {
      if (applies(c.action)) {
        auto it = releases_.find(c.key);
        if (it == releases_.end())
          return failure(3, c.address + " drifted but is not in the build");
        const DesiredRelease& r = *it->second;
        ctx_.progress.step("helm upgrade --install " + r.name + " (" + r.chart + " " + r.version +
                           ")");
        auto installed = helm->upgrade_install(
            upgrade_request(r, ctx_.desired_dir, ctx_.options.rollout_timeout));
        if (ctx_.options.dry_run) continue;
        if (!installed) return failure(3, installed.error());
        if (installed->status != "deployed") {
          return failure(3, "helm reports release " + r.name + " as " + installed->status,
                         {installed->description});
        }
        if (auto f = done(3, c, release_inventory_entry(r, installed->revision))) return f;
      } else if (c.action == Action::Delete) {
        auto release = parse_helm_key(c.key);
        if (!release) continue;
        ctx_.progress.step("helm uninstall " + release->second + " (pruned)");
        auto removed = helm->uninstall(release->second, release->first);
        if (!removed && !ctx_.options.dry_run) return failure(3, removed.error());
        if (auto f = done(3, c, std::nullopt)) return f;
      }
    }
    return std::nullopt;
  }

  TargetContext& ctx_;
  CloudTools cloud_;
  const DesiredState& desired_;
  const Plan& drift_;
  const ReconcileOptions& options_;
  std::map<std::string, const DesiredObject*> objects_;
  std::map<std::string, const DesiredRelease*> releases_;
  std::vector<std::string> warnings_;
};

}  // namespace

DeployReport reconcile_cloud(TargetContext& context, const Plan& drift,
                             const ReconcileOptions& options) {
  auto desired = read_desired_state(context.desired);
  if (!desired) {
    DeployReport r;
    r.failure = DeployFailure{0, "build", desired.error().message, desired.error().details};
    return r;
  }
  return CloudReconciler(context, *desired, drift, options).run();
}

}  // namespace ivcapgen::deploy
