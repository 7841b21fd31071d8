// ivcapgen reconcile ENV [--prune] [--dry-run]: re-apply what drifted
// (SPEC 4), then check again. Unexpected objects are removed only with
// --prune. For the local provider: restart dead, unhealthy or changed
// components and re-register changed services — nothing else is touched.
#include "cli/command.h"
#include "deploy/drift_commands.h"
#include "tools/process_runner.h"

namespace ivcapgen::cli {

Command reconcile_command() {
  return {"reconcile", "Re-apply what drifted (--prune also removes unexpected objects)",
          [](ArgParser& p) {
            p.positional("ENV", "Environment name (environments/<name>.yaml) or path");
            p.flag("--prune", "Also remove unexpected managed objects");
            p.flag("--dry-run", "Change nothing: show what would be re-applied");
            p.flag("--force-unlock", "Take over a lock left by a run that died (with a warning)");
            add_runtime_dir_option(p);
            add_deploy_options(p);
          },
          [](const ArgParser& args, Console& console) {
            deploy::DriftRequest request;
            request.prune = args.has("--prune");
            request.deploy.options.dry_run = args.has("--dry-run");
            request.deploy.force_unlock = args.has("--force-unlock");
            if (auto dir = args.value("--runtime-dir")) request.local.runtime_dir = *dir;
            if (!read_deploy_options(args, console, request.deploy)) return kExitUsage;
            diag::DiagnosticSink sink;
            auto model = load_valid_model(args, console, sink);
            int code = report(sink, console);
            if (!model) return code == kExitOk ? kExitError : code;
            tools::ProcessRunner runner;
            deploy::DeployIo io = deploy_io(console);
            return deploy::reconcile_environment(*model, request, io, runner);
          }};
}

}  // namespace ivcapgen::cli
