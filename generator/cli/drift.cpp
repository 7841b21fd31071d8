// ivcapgen drift ENV [--format text|markdown|json]: the live system against
// the declared state (SPEC 4); exit 2 when something drifted. The local
// provider checks its processes and gateway; aws and azure the cluster.
#include "cli/command.h"
#include "cli/interrupt.h"
#include "deploy/drift_commands.h"
#include "tools/process_runner.h"

namespace ivcapgen::cli {

namespace {

bool read_drift_options(const ArgParser& args, Console& console, deploy::DriftRequest& request) {
  request.deploy.force_unlock = args.has("--force-unlock");
  if (auto dir = args.value("--runtime-dir")) request.local.runtime_dir = *dir;
  return read_deploy_options(args, console, request.deploy);
}

}  // namespace

void add_runtime_dir_option(ArgParser& p) {
  p.option(
      "--runtime-dir", "DIR",
      "local provider: where ivcap-gateway & co. are (default: <ivcapgen's folder>/../runtime, "
      "then PATH)");
}

Command drift_command() {
  return {"drift", "Compare the live system with the declared state; exit 2 when it drifted",
          [](ArgParser& p) {
            p.positional("ENV", "Environment name (environments/<name>.yaml) or path");
            p.option("--format", "FORMAT", "text (default), markdown (for a PR comment) or json");
            p.flag("--force-unlock", "Take over a lock left by a run that died (with a warning)");
            add_runtime_dir_option(p);
            add_deploy_options(p);
          },
          [](const ArgParser& args, Console& console) {
            deploy::DriftRequest request;
            request.deploy.format = args.value_or("--format", "text");
            if (request.deploy.format != "text" && request.deploy.format != "markdown" &&
                request.deploy.format != "json") {
              console.err << "ivcapgen: error: --format must be text, markdown or json\n";
              return kExitUsage;
            }
            if (!read_drift_options(args, console, request)) return kExitUsage;
            diag::DiagnosticSink sink;
            auto model = load_valid_model(args, console, sink);
            int code = report(sink, console);
            if (!model) return code == kExitOk ? kExitError : code;
            tools::ProcessRunner runner(interruptible());
            deploy::DeployIo io = deploy_io(console);
            return deploy::drift_environment(*model, request, io, runner);
          }};
}

}  // namespace ivcapgen::cli
