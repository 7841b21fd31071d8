#include "deploy/local/local_target.h"

#include <sstream>

#include "emit/waves.h"
#include "support/digest.h"

namespace ivcapgen::deploy {

std::unique_ptr<DeployTarget> make_local_target() {
  return std::make_unique<local::LocalTarget>();
}

}  // namespace ivcapgen::deploy

namespace ivcapgen::deploy::local {

namespace {

std::optional<LocalDeclaration> declaration(const TargetContext& context, tools::ToolError& error) {
  std::string message;
  auto d = declaration_from_tree(context.desired, message);
  if (!d) error.message = "local provider: " + message;
  return d;
}

Action action_for(const DriftItem& item) {
  if (item.in_sync()) return Action::NoOp;
  const std::string& first = item.problems.front();
  if (first == "unexpected") return Action::Delete;
  if (first == "missing" || first == "dead" || first == "unregistered") return Action::Create;
  if (item.kind == "component") return Action::Replace;
  return Action::Update;
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// Splits "message\n    tail line\n..." into the DeployFailure's message and details.
DeployFailure failure_from(const LocalResult& result, const char* stage) {
  DeployFailure f;
  f.wave = result.failed_wave;
  f.stage = stage;
  bool first = true;
  for (const auto& error : result.errors) {
    std::istringstream lines(error);
    for (std::string line; std::getline(lines, line);) {
      if (first) {
        f.message = line;
        first = false;
      } else {
        f.details.push_back(line);
      }
    }
  }
  for (const auto& n : result.notes) f.details.push_back("note: " + n);
  return f;
}

DeployReport report_from(const LocalResult& result, const char* stage) {
  DeployReport report;
  report.completed_waves = result.completed_waves;
  if (!result.ok) report.failure = failure_from(result, stage);
  return report;
}

}  // namespace

std::unique_ptr<DeployTarget> make_local_target(LocalTargetSettings settings) {
  return std::make_unique<LocalTarget>(std::move(settings));
}

Plan plan_from_check(const DriftReport& report, const State& state, bool include_noops) {
  Plan plan;
  plan.environment = report.environment;
  plan.serial = state.serial;
  plan.lineage = state.lineage;
  WavePlan runtime{emit::kWaveRuntime, "runtime", std::string(kLayerLocal), {}, {}};
  WavePlan registration{
      emit::kWaveRegistration, "registration", std::string(kLayerServices), {}, {}};
  for (const auto& item : report.items) {
    Action action = action_for(item);
    if (action == Action::NoOp && !include_noops) continue;
    PlannedChange change;
    change.address = item.kind + " " + item.name;
    change.action = action;
    change.key = item.key;
    change.reason = item.in_sync() ? "" : join(item.problems, ", ") + ": " + item.detail;
    if (!item.recorded_hash.empty() && !item.declared_hash.empty() &&
        item.recorded_hash != item.declared_hash) {
      change.diff.push_back({item.kind == "component" ? "configHash" : "documentHash",
                             Json(item.recorded_hash), Json(item.declared_hash)});
    }
    (item.kind == "component" ? runtime : registration).changes.push_back(std::move(change));
  }
  for (const auto& n : report.notes) registration.notes.push_back(n);
  plan.waves.push_back(std::move(runtime));
  plan.waves.push_back(std::move(registration));
  return plan;
}

LocalPlatform LocalTarget::platform(TargetContext& context) const {
  LocalOptions options;
  options.state_dir = context.state_dir;
  options.search = default_runtime_search(settings_.runtime_dir);
  if (!context.options.path_variable.empty())
    options.search.path_value = context.options.path_variable;
  options.timings = settings_.timings;
  options.progress = &context.progress;
  options.dry_run = context.options.dry_run;
  return LocalPlatform(std::move(options));
}

tools::ToolResult<Plan> LocalTarget::plan(TargetContext& context) {
  tools::ToolError error;
  auto declared = declaration(context, error);
  if (!declared) return error;
  auto report = platform(context).check(*declared, context.state);
  Plan plan = plan_from_check(report, context.state, true);
  plan.manifest_sha256 = context.desired.find("manifest.json")
                             ? support::sha256_hex(context.desired.find("manifest.json")->content)
                             : "";
  return plan;
}

DeployReport LocalTarget::apply(TargetContext& context, const Plan* plan) {
  tools::ToolError error;
  auto declared = declaration(context, error);
  if (!declared) {
    DeployReport report;
    report.failure = DeployFailure{emit::kWaveRuntime, "runtime", error.message, {}};
    return report;
  }
  std::optional<std::set<std::string>> only;
  if (plan) {
    only.emplace();
    for (const auto& wave : plan->waves) {
      for (const auto& change : wave.changes) {
        if (change.action != Action::NoOp && !change.key.empty()) only->insert(change.key);
      }
    }
  }
  auto result = platform(context).apply(*declared, context.state, context.store, only);
  DeployReport report = report_from(result, "runtime");
  if (report.failure && result.failed_wave == emit::kWaveRegistration) {
    report.failure->stage = "registration";
  }
  report.warnings = result.notes;
  return report;
}

DeployReport LocalTarget::destroy(TargetContext& context) {
  tools::ToolError error;
  auto declared = declaration(context, error);  // optional here: only adds ports to check
  auto result = platform(context).destroy(declared ? &*declared : nullptr, context.state,
                                          context.store, settings_.purge);
  DeployReport report = report_from(result, "runtime");
  report.warnings = result.notes;
  return report;
}

tools::ToolResult<Plan> LocalTarget::drift(TargetContext& context) {
  tools::ToolError error;
  auto declared = declaration(context, error);
  if (!declared) return error;
  auto report = platform(context).check(*declared, context.state);
  return plan_from_check(report, context.state, false);
}

}  // namespace ivcapgen::deploy::local
