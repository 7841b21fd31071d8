#include "deploy/deploy_commands.h"

#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "deploy/plan_json.h"
#include "deploy/plan_render.h"
#include "deploy/session.h"

namespace ivcapgen::deploy {

namespace fs = std::filesystem;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitChanges = 2;

void warning(DeployIo& io, const std::string& message) {
  io.err << "ivcapgen: warning: " << message << "\n";
}

std::unique_ptr<DeployTarget> target_of(const Session& session, const DeployRequest& request) {
  if (session.provider() == "local") return make_local_target();
  return make_cloud_target(request.cloud);
}

std::string render(const Plan& plan, const std::string& format, bool color) {
  if (format == "json") return plan_to_json(plan).dump(2) + "\n";
  if (format == "markdown") return render_plan_markdown(plan);
  return render_plan_text(plan, {color});
}

void print_failure(DeployIo& io, const model::Model& model, const DeployFailure& f,
                   const std::string& verb) {
  io.err << "ivcapgen: error: wave " << f.wave << " (" << f.stage << ") failed: " << f.message
         << "\n";
  for (const auto& d : f.details) io.err << "  " << d << "\n";
  if (verb == "apply") {
    io.err << "Waves before " << f.wave
           << " are applied and recorded in the state; later waves were not started.\n"
           << "Fix the problem, then resume with: ivcapgen apply " << model.name()
           << " --from-wave " << f.wave << "\n";
  } else {
    io.err << "What was removed is recorded in the state; run 'ivcapgen destroy " << model.name()
           << "' again to continue.\n";
  }
}

// Asks for "yes" on a terminal; refuses without one unless --yes was given.
bool confirmed(DeployIo& io, const DeployRequest& request, const std::string& question,
               const std::string& verb) {
  if (request.yes) return true;
  if (!io.interactive || !io.read_line) {
    print_error(io, "refusing to " + verb +
                        " without confirmation: there is no terminal to ask on; pass --yes");
    return false;
  }
  io.err << question << "\n  Only 'yes' will be accepted: " << std::flush;
  auto answer = io.read_line();
  if (answer && *answer == "yes") return true;
  io.err << verb << " cancelled.\n";
  return false;
}

tools::ToolResult<Plan> read_plan_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return tools::ToolError{"cannot read the plan " + file.string(), {}};
  std::stringstream text;
  text << in.rdbuf();
  Json j = Json::parse(text.str(), nullptr, false);
  if (j.is_discarded()) return tools::ToolError{file.string() + " is not a JSON plan", {}};
  auto plan = plan_from_json(j);
  if (!plan) return tools::ToolError{file.string() + ": " + plan.error().message, {}};
  return plan;
}

std::map<std::pair<int, std::string>, Action> actions(const Plan& plan) {
  std::map<std::pair<int, std::string>, Action> out;
  for (const auto& w : plan.waves) {
    for (const auto& c : w.changes) out[{w.wave, c.address}] = c.action;
  }
  return out;
}

bool write_output(DeployIo& io, const std::optional<fs::path>& file, const std::string& text) {
  if (!file) {
    io.out << text;
    return true;
  }
  std::string message;
  if (!write_file_atomically(*file, text, message, 0644)) {
    print_error(io, message);
    return false;
  }
  return true;
}

}  // namespace

std::string stale_plan_reason(const Plan& saved, const Plan& fresh) {
  if (saved.environment != fresh.environment) {
    return "it is a plan for environment '" + saved.environment + "', not '" + fresh.environment +
           "'";
  }
  if (saved.lineage != fresh.lineage) {
    return "it was made against another state (lineage " + saved.lineage + ", the state's is " +
           fresh.lineage + ")";
  }
  if (saved.serial != fresh.serial) {
    return "the state has changed since it was made (serial " + std::to_string(saved.serial) +
           ", now " + std::to_string(fresh.serial) + ")";
  }
  if (!saved.manifest_sha256.empty() && saved.manifest_sha256 != fresh.manifest_sha256) {
    return "the build has changed since it was made (the specs or ivcapgen changed)";
  }
  const auto a = actions(saved), b = actions(fresh);
  for (const auto& [key, action] : b) {
    auto it = a.find(key);
    const Action before = it == a.end() ? Action::NoOp : it->second;
    if (before != action) {
      return "the live system has changed since it was made: " + key.second + " was planned as " +
             std::string(action_name(before)) + " and is now " + std::string(action_name(action));
    }
  }
  for (const auto& [key, action] : a) {
    if (!b.count(key) && action != Action::NoOp) {
      return "the live system has changed since it was made: " + key.second + " was planned as " +
             std::string(action_name(action)) + " and needs nothing now";
    }
  }
  return {};
}

int plan_environment(const model::Model& model, const DeployRequest& request, DeployIo& io,
                     tools::CommandRunner& runner) {
  Session session(model, request, io, runner);
  if (!session.lock("plan") || !session.build() || !session.load_state(true)) return kExitError;
  TargetContext context = session.context();
  auto plan = target_of(session, request)->plan(context);
  if (!plan) {
    print_error(io, plan.error().text());
    return kExitError;
  }
  const bool color = io.color && request.format == "text" && !request.output_file;
  if (!write_output(io, request.output_file, render(*plan, request.format, color))) {
    return kExitError;
  }
  if (request.output_file && !io.quiet) {
    io.err << plan_summary_line(plan->summary()) << " Written to " << request.output_file->string()
           << ".\n";
  }
  return plan->has_changes() ? kExitChanges : kExitOk;
}

int apply_environment(const model::Model& model, const DeployRequest& request, DeployIo& io,
                      tools::CommandRunner& runner) {
  Session session(model, request, io, runner);
  const bool dry_run = request.options.dry_run;
  if (!dry_run && !session.lock("apply")) return kExitError;
  if (!session.build() || !session.load_state(true)) return kExitError;
  TargetContext context = session.context();
  auto target = target_of(session, request);
  const auto start = io.clock();

  std::optional<Plan> plan;
  if (!dry_run) {
    auto fresh = target->plan(context);
    if (!fresh) {
      print_error(io, fresh.error().text());
      return kExitError;
    }
    if (request.plan_file) {
      auto saved = read_plan_file(*request.plan_file);
      if (!saved) {
        print_error(io, saved.error().message);
        return kExitError;
      }
      if (auto why = stale_plan_reason(*saved, *fresh); !why.empty()) {
        print_error(io, "refusing the stale plan " + request.plan_file->string() + ": " + why +
                            "; make a new one with 'ivcapgen plan " + model.name() + "'");
        return kExitError;
      }
    }
    plan = std::move(*fresh);
    const bool resuming = session.state().last_apply.value("result", "") == "failed";
    if (!plan->has_changes() && !resuming && request.options.from_wave == 0) {
      if (!io.quiet) io.err << render_plan_text(*plan, {io.color});
      io.err << "Nothing to apply.\n";
      return kExitOk;
    }
    if (!io.quiet && !request.plan_file) io.err << render_plan_text(*plan, {io.color});
    if (!confirmed(io, request, "Apply these changes to " + model.name() + "?", "apply")) {
      return kExitError;
    }
  }
  DeployReport report = target->apply(context, plan ? &*plan : nullptr);
  for (const auto& w : report.warnings) warning(io, w);
  if (report.failure) {
    print_failure(io, model, *report.failure, "apply");
    return kExitError;
  }
  const double seconds = std::chrono::duration<double>(io.clock() - start).count();
  if (dry_run) {
    io.err << "Dry run: nothing was changed.\n";
  } else if (!io.quiet) {
    std::ostringstream line;
    line.precision(1);
    line << std::fixed << "Apply complete: " << report.completed_waves.size() << " wave"
         << (report.completed_waves.size() == 1 ? "" : "s") << " in " << seconds
         << " s; state serial " << session.state().serial << ".";
    io.err << line.str() << "\n";
  }
  return kExitOk;
}

int destroy_environment(const model::Model& model, const DeployRequest& request, DeployIo& io,
                        tools::CommandRunner& runner) {
  Session session(model, request, io, runner);
  const bool dry_run = request.options.dry_run;
  if (!dry_run && !session.lock("destroy")) return kExitError;
  if (!session.build() || !session.load_state(true)) return kExitError;
  std::map<std::string, int> counts;
  for (const auto& [key, _] : session.state().inventory) ++counts[key.substr(0, key.find('/'))];
  std::string what;
  for (const auto& [layer, n] : counts) {
    what += (what.empty() ? "" : ", ") + std::to_string(n) + " " + layer;
  }
  if (!dry_run &&
      !confirmed(io, request,
                 "Destroy everything ivcapgen deployed for " + model.name() + " (" +
                     (what.empty() ? std::string("nothing recorded in the state") : what) +
                     ", and the Terraform infrastructure)?",
                 "destroy")) {
    return kExitError;
  }
  TargetContext context = session.context();
  DeployReport report = target_of(session, request)->destroy(context);
  for (const auto& w : report.warnings) warning(io, w);
  if (report.failure) {
    print_failure(io, model, *report.failure, "destroy");
    return kExitError;
  }
  io.err << (dry_run ? "Dry run: nothing was changed.\n" : "Destroy complete.\n");
  return kExitOk;
}

}  // namespace ivcapgen::deploy
