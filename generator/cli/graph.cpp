// ivcapgen graph ENV [-o FILE]: the deploy waves and their dependencies as a
// DOT graph (render with `dot -Tsvg`).
#include "deploy/graph.h"
#include "cli/command.h"
#include "deploy/desired_state.h"
#include "deploy/state.h"
#include "emit/build.h"

namespace ivcapgen::cli {

Command graph_command() {
  return {"graph", "DOT graph of the deploy waves and their dependencies",
          [](ArgParser& p) {
            p.positional("ENV", "Environment name (environments/<name>.yaml) or path");
            p.option("--output", "FILE", "Write the graph to FILE instead of stdout", "-o");
            add_load_options(p);
          },
          [](const ArgParser& args, Console& console) {
            diag::DiagnosticSink sink;
            auto model = load_valid_model(args, console, sink);
            int code = report(sink, console);
            if (!model) return code == kExitOk ? kExitError : code;
            output::OutputTree tree;
            try {
              tree = emit::build_outputs(*model);
            } catch (const std::exception& e) {
              console.err << "ivcapgen: error: internal error while emitting: " << e.what() << "\n";
              return kExitError;
            }
            auto desired = deploy::read_desired_state(tree);
            if (!desired) {
              console.err << "ivcapgen: error: " << desired.error().text() << "\n";
              return kExitError;
            }
            const std::string dot = deploy::render_graph_dot(*desired);
            if (auto file = args.value("--output")) {
              std::string error;
              if (!deploy::write_file_atomically(*file, dot, error, 0644)) {
                console.err << "ivcapgen: error: " << error << "\n";
                return kExitError;
              }
              return kExitOk;
            }
            console.out << dot;
            return kExitOk;
          }};
}

}  // namespace ivcapgen::cli
