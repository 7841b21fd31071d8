#include "deploy/drift_commands.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <thread>

#include "deploy/cloud_target.h"
#include "deploy/drift_render.h"
#include "deploy/history.h"
#include "deploy/session.h"
#include "model/quantity.h"

namespace ivcapgen::deploy {

namespace fs = std::filesystem;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitChanges = 2;

// The local provider's processes and gateway are checked by the local
// target; every other provider's cluster and registrations by the cloud one.
std::unique_ptr<DeployTarget> target_of(const Session& session, const DriftRequest& request) {
  if (session.provider() == "local") return local::make_local_target(request.local);
  return make_cloud_target(request.deploy.cloud);
}

void say_who_checks(DeployIo& io, const Session& session) {
  if (io.quiet || session.provider() == "local") return;
  io.err << "drift of a '" << session.provider()
         << "' environment is checked by the cloud target: Terraform (a refresh-only plan), "
            "the Helm releases and the cluster's objects against the build and the state\n";
}

std::vector<std::string> changed_addresses(const Plan& plan) {
  std::vector<std::string> out;
  for (const auto& w : plan.waves) {
    for (const auto& c : w.changes) {
      if (c.action != Action::NoOp) out.push_back(c.address);
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

}  // namespace

Plan without_deletions(const Plan& plan) {
  return reconcilable(plan, false, true);
}

Plan reconcilable(const Plan& plan, bool prune, bool infrastructure) {
  Plan out = plan;
  for (auto& w : out.waves) {
    const bool infra = w.layer == kLayerTerraform;
    for (auto& c : w.changes) {
      if ((c.action == Action::Delete && !prune) || (infra && !infrastructure)) {
        c.action = Action::NoOp;
      }
    }
  }
  return out;
}

std::optional<std::chrono::seconds> parse_watch_interval(std::string_view text) {
  std::optional<long long> seconds;
  if (!text.empty() &&
      std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
    if (text.size() <= 9) seconds = std::stoll(std::string(text));
  } else {
    seconds = model::parse_duration_seconds(text);
  }
  if (!seconds || *seconds <= 0) return std::nullopt;
  return std::chrono::seconds(*seconds);
}

int drift_environment(const model::Model& model, const DriftRequest& request, DeployIo& io,
                      tools::CommandRunner& runner) {
  Session session(model, request.deploy, io, runner);
  if (!session.lock("drift") || !session.build() || !session.load_state(false)) return kExitError;
  say_who_checks(io, session);
  TargetContext context = session.context();
  auto plan = target_of(session, request)->drift(context);
  if (!plan) {
    print_error(io, plan.error().text());
    return kExitError;
  }
  const std::string& format = request.deploy.format;
  if (format == "json") {
    io.out << drift_json(*plan, session.provider()).dump(2) << "\n";
  } else if (format == "markdown") {
    io.out << render_drift_markdown(*plan, session.provider());
  } else {
    io.out << render_drift_text(*plan, session.provider());
  }
  return plan->has_changes() ? kExitChanges : kExitOk;
}

namespace {

// What reconcile leaves alone, said once per round.
void say_left_alone(DeployIo& io, const Plan& drift, const DriftRequest& request) {
  int unexpected = 0, infrastructure = 0;
  for (const auto& w : drift.waves) {
    for (const auto& c : w.changes) {
      if (w.layer == kLayerTerraform && c.action != Action::NoOp) {
        ++infrastructure;
      } else if (c.action == Action::Delete) {
        ++unexpected;
      }
    }
  }
  if (unexpected > 0 && !request.prune) {
    io.err << "Left alone: " << unexpected << " unexpected object" << (unexpected == 1 ? "" : "s")
           << " (run reconcile --prune to delete them).\n";
  }
  if (infrastructure > 0 && !request.infrastructure) {
    io.err << "Left alone: " << infrastructure << " infrastructure change"
           << (infrastructure == 1 ? "" : "s")
           << " (run reconcile --infrastructure to let Terraform bring it back).\n";
  }
}

int reconcile_once(const model::Model& model, const DriftRequest& request, DeployIo& io,
                   tools::CommandRunner& runner) {
  Session session(model, request.deploy, io, runner);
  const bool dry_run = request.deploy.options.dry_run;
  if (!session.lock("reconcile") || !session.build() || !session.load_state(false))
    return kExitError;
  say_who_checks(io, session);
  TargetContext context = session.context();
  auto target = target_of(session, request);
  auto before = target->drift(context);
  if (!before) {
    print_error(io, before.error().text());
    return kExitError;
  }
  if (!before->has_changes()) {
    io.err << "No drift: nothing to reconcile.\n";
    return kExitOk;
  }
  if (!io.quiet) io.err << render_drift_text(*before, session.provider());
  say_left_alone(io, *before, request);
  Plan todo = reconcilable(*before, request.prune, request.infrastructure);
  if (!todo.has_changes()) {
    io.err << "Nothing that reconcile may change drifted.\n";
    return kExitOk;
  }
  ReconcileOptions options;
  options.force_conflicts = request.force_conflicts;
  const fs::path history = context.state_dir / "history.jsonl";
  std::vector<std::string> history_errors;
  options.on_change = [&](int wave, const PlannedChange& change) {
    std::string message;
    if (!append_history(history, history_entry(request.now(), model.name(), wave, change),
                        message)) {
      history_errors.push_back(message);
    }
  };
  DeployReport report = target->reconcile(context, todo, options);
  for (const auto& w : report.warnings) io.err << "ivcapgen: warning: " << w << "\n";
  for (const auto& e : history_errors) io.err << "ivcapgen: warning: history: " << e << "\n";
  if (report.failure) {
    const auto& f = *report.failure;
    print_error(io, "reconcile failed in wave " + std::to_string(f.wave) + " (" + f.stage +
                        "): " + f.message);
    for (const auto& d : f.details) io.err << "  " << d << "\n";
    io.err << "What was done is recorded in the state and in " << history.string()
           << "; fix the problem and run reconcile again.\n";
    return kExitError;
  }
  if (dry_run) {
    io.err << "Dry run: nothing was changed.\n";
    return kExitOk;
  }
  auto after = target->drift(context);
  if (!after) {
    print_error(io, "reconciled, but the check afterwards failed: " + after.error().text());
    return kExitError;
  }
  Plan remaining = reconcilable(*after, request.prune, request.infrastructure);
  if (remaining.has_changes()) {
    print_error(io, "still drifting after reconcile:");
    io.err << render_drift_text(remaining, session.provider());
    return kExitError;
  }
  // Record what was changed, next to the apply bookkeeping of the target.
  std::vector<std::string> changed = changed_addresses(todo);
  session.state().last_apply["reconciled"] = changed;
  std::string message;
  if (!session.store().save(session.state(), message)) {
    print_error(io, "reconciled, but the state could not be saved: " + message);
    return kExitError;
  }
  io.err << "Reconciled " << changed.size() << " drifted object" << (changed.size() == 1 ? "" : "s")
         << " (" << joined(changed) << "); no drift remains.\n";
  return kExitOk;
}

}  // namespace

int reconcile_environment(const model::Model& model, const DriftRequest& request, DeployIo& io,
                          tools::CommandRunner& runner) {
  if (!request.watch) return reconcile_once(model, request, io, runner);
  int code = kExitOk;
  for (int round = 1;; ++round) {
    if (!io.quiet) io.err << "reconcile --watch: round " << round << "\n";
    code = reconcile_once(model, request, io, runner);
    if (request.watch_iterations > 0 && round >= request.watch_iterations) break;
    if (request.sleep) {
      request.sleep(*request.watch);
    } else {
      std::this_thread::sleep_for(*request.watch);
    }
  }
  return code;
}

}  // namespace ivcapgen::deploy
