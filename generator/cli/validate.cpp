// ivcapgen validate ENV: load, merge, decode and check; print every problem.
#include "cli/command.h"

namespace ivcapgen::cli {

Command validate_command() {
  return {"validate", "Check an environment and its services; print every problem",
          [](ArgParser& p) {
            p.positional("ENV", "Environment name (environments/<name>.yaml) or path");
            add_load_options(p);
          },
          [](const ArgParser& args, Console& console) {
            diag::DiagnosticSink sink;
            auto model = load_valid_model(args, console, sink);
            int code = report(sink, console);
            if (model && !console.quiet && console.diagnostics_format == "text") {
              console.err << model->environment_file << ": ok: environment '" << model->name()
                          << "' with " << model->services.size() << " service"
                          << (model->services.size() == 1 ? "" : "s") << "\n";
            }
            return code;
          }};
}

}  // namespace ivcapgen::cli
