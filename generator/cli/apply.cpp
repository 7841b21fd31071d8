// ivcapgen apply ENV [--plan FILE] [--dry-run] [--yes] [--from-wave N]
// [--only LAYER[,LAYER]]: deploy in waves 0-6 with readiness gates (SPEC 4).
#include <sstream>

#include "cli/command.h"
#include "cli/interrupt.h"
#include "deploy/deploy_commands.h"
#include "deploy/stages.h"
#include "tools/process_runner.h"

namespace ivcapgen::cli {

namespace {

bool read_apply_options(const ArgParser& args, Console& console, deploy::DeployRequest& request) {
  request.yes = args.has("--yes");
  request.force_unlock = args.has("--force-unlock");
  request.options.dry_run = args.has("--dry-run");
  if (auto p = args.value("--plan")) request.plan_file = *p;
  if (auto w = args.value("--from-wave")) {
    int wave = -1;
    try {
      size_t used = 0;
      wave = std::stoi(*w, &used);
      if (used != w->size()) wave = -1;
    } catch (const std::exception&) {
    }
    if (wave < 0 || wave > 6) {
      console.err << "ivcapgen: error: --from-wave must be a wave number from 0 to 6\n";
      return false;
    }
    request.options.from_wave = wave;
  }
  if (auto only = args.value("--only")) {
    std::stringstream list(*only);
    std::string layer;
    while (std::getline(list, layer, ',')) {
      bool known = false;
      for (auto name : deploy::only_layer_names()) known |= name == layer;
      if (!known) {
        console.err << "ivcapgen: error: --only takes terraform, helm, k8s or services, not '"
                    << layer << "'\n";
        return false;
      }
      request.options.only_layers.insert(layer);
    }
  }
  if (request.plan_file && request.options.dry_run) {
    console.err << "ivcapgen: error: --plan and --dry-run do not go together\n";
    return false;
  }
  return read_deploy_options(args, console, request);
}

}  // namespace

Command apply_command() {
  return {"apply", "Deploy an environment in waves, each behind a readiness gate",
          [](ArgParser& p) {
            p.positional("ENV", "Environment name (environments/<name>.yaml) or path");
            p.option("--plan", "FILE",
                     "Apply this saved plan (plan --format json); refused when stale");
            p.flag("--dry-run", "Run nothing: print the commands and requests apply would make");
            p.flag("--yes", "Do not ask for confirmation (needed without a terminal)");
            p.option("--from-wave", "N", "Skip the waves before N (to resume a failed apply)");
            p.option("--only", "LAYERS",
                     "Only these layers, comma-separated: terraform, helm, k8s, services");
            p.flag("--force-unlock", "Take over a lock left by a run that died (with a warning)");
            add_deploy_options(p);
          },
          [](const ArgParser& args, Console& console) {
            deploy::DeployRequest request;
            if (!read_apply_options(args, console, request)) return kExitUsage;
            diag::DiagnosticSink sink;
            auto model = load_valid_model(args, console, sink);
            int code = report(sink, console);
            if (!model) return code == kExitOk ? kExitError : code;
            tools::ProcessRunner runner(interruptible());
            deploy::DeployIo io = deploy_io(console);
            return deploy::apply_environment(*model, request, io, runner);
          }};
}

}  // namespace ivcapgen::cli
