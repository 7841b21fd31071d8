// ivcapgen destroy ENV [--yes] [--dry-run]: remove everything apply made, in
// reverse wave order (SPEC 4).
#include "cli/command.h"
#include "cli/interrupt.h"
#include "deploy/deploy_commands.h"
#include "tools/process_runner.h"

namespace ivcapgen::cli {

Command destroy_command() {
  return {"destroy", "Remove everything apply deployed, in reverse wave order",
          [](ArgParser& p) {
            p.positional("ENV", "Environment name (environments/<name>.yaml) or path");
            p.flag("--yes", "Do not ask for confirmation (needed without a terminal)");
            p.flag("--dry-run", "Run nothing: print the commands destroy would run");
            p.flag("--force-unlock", "Take over a lock left by a run that died (with a warning)");
            add_deploy_options(p);
          },
          [](const ArgParser& args, Console& console) {
            deploy::DeployRequest request;
            request.yes = args.has("--yes");
            request.force_unlock = args.has("--force-unlock");
            request.options.dry_run = args.has("--dry-run");
            if (!read_deploy_options(args, console, request)) return kExitUsage;
            diag::DiagnosticSink sink;
            auto model = load_valid_model(args, console, sink);
            int code = report(sink, console);
            if (!model) return code == kExitOk ? kExitError : code;
            tools::ProcessRunner runner(interruptible());
            deploy::DeployIo io = deploy_io(console);
            return deploy::destroy_environment(*model, request, io, runner);
          }};
}

}  // namespace ivcapgen::cli
