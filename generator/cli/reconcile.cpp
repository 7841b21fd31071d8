// ivcapgen reconcile ENV [--prune] [--force-conflicts] [--infrastructure]
// [--watch INTERVAL] [--dry-run]: re-apply what drifted (SPEC 4), then check
// again; every change is appended to .ivcapgen/<env>/history.jsonl.
// Unexpected objects are removed only with --prune, Terraform drift is
// brought back only with --infrastructure. For the local provider: restart
// dead, unhealthy or changed components and re-register changed services —
// nothing else is touched.
#include "cli/command.h"
#include "cli/interrupt.h"
#include "deploy/drift_commands.h"
#include "tools/process_runner.h"

namespace ivcapgen::cli {

namespace {

bool read_watch_options(const ArgParser& args, Console& console, deploy::DriftRequest& request) {
  if (auto interval = args.value("--watch")) {
    request.watch = deploy::parse_watch_interval(*interval);
    if (!request.watch) {
      console.err << "ivcapgen: error: --watch wants an interval such as 30s, 5m or 1h\n";
      return false;
    }
  }
  if (auto rounds = args.value("--watch-iterations")) {
    const bool digits = !rounds->empty() && rounds->size() <= 6 &&
                        rounds->find_first_not_of("0123456789") == std::string::npos;
    if (!digits || !request.watch) {
      console.err << "ivcapgen: error: --watch-iterations wants a count and --watch\n";
      return false;
    }
    request.watch_iterations = std::stoi(*rounds);
  }
  return true;
}

}  // namespace

Command reconcile_command() {
  return {"reconcile", "Re-apply what drifted (--prune also removes unexpected objects)",
          [](ArgParser& p) {
            p.positional("ENV", "Environment name (environments/<name>.yaml) or path");
            p.flag("--prune", "Also remove unexpected managed objects (never unlabelled ones)");
            p.flag("--force-conflicts",
                   "Take fields back from other field managers (kubectl apply --force-conflicts)");
            p.flag("--infrastructure",
                   "Also bring Terraform drift back (terraform plan + apply); without it "
                   "infrastructure drift is only reported");
            p.option("--watch", "INTERVAL", "Reconcile again every INTERVAL (30s, 5m, 1h)");
            p.option("--watch-iterations", "N", "With --watch: stop after N rounds");
            p.flag("--dry-run", "Change nothing: show what would be re-applied");
            p.flag("--force-unlock", "Take over a lock left by a run that died (with a warning)");
            add_runtime_dir_option(p);
            add_deploy_options(p);
          },
          [](const ArgParser& args, Console& console) {
            deploy::DriftRequest request;
            request.prune = args.has("--prune");
            request.force_conflicts = args.has("--force-conflicts");
            request.infrastructure = args.has("--infrastructure");
            request.deploy.options.dry_run = args.has("--dry-run");
            request.deploy.force_unlock = args.has("--force-unlock");
            if (auto dir = args.value("--runtime-dir")) request.local.runtime_dir = *dir;
            if (!read_watch_options(args, console, request)) return kExitUsage;
            if (!read_deploy_options(args, console, request.deploy)) return kExitUsage;
            diag::DiagnosticSink sink;
            auto model = load_valid_model(args, console, sink);
            int code = report(sink, console);
            if (!model) return code == kExitOk ? kExitError : code;
            tools::ProcessRunner runner(interruptible());
            deploy::DeployIo io = deploy_io(console);
            return deploy::reconcile_environment(*model, request, io, runner);
          }};
}

}  // namespace ivcapgen::cli
