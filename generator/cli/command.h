#pragma once
// What every subcommand shares: its declaration (name, summary, options),
// the console it talks to, and the helpers that turn diagnostics into output
// and an exit code. One file per subcommand implements `<name>_command()`.
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/args.h"
#include "diag/diagnostic.h"
#include "model/model.h"
#include "spec/model_loader.h"

namespace ivcapgen::deploy {
struct DeployRequest;
struct DeployIo;
}  // namespace ivcapgen::deploy

namespace ivcapgen::cli {

// Exit codes (SPEC 5).
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitChanges = 2;
inline constexpr int kExitPolicy = 3;
inline constexpr int kExitUsage = 64;

struct Console {
  std::ostream& out;  // machine-readable output
  std::ostream& err;  // diagnostics and progress
  bool color = false;
  bool quiet = false;
  bool verbose = false;
  bool progress = true;
  bool stdin_is_tty = false;
  std::string diagnostics_format = "text";
};

struct Command {
  std::string name;
  std::string summary;
  std::function<void(ArgParser&)> declare;
  std::function<int(const ArgParser&, Console&)> run;
};

// Options every command accepts (-q, -v, --color, ...).
void add_common_options(ArgParser& parser);
// Options of commands that read an environment (--root, --max-input-size).
void add_load_options(ArgParser& parser);

// Prints diagnostics (text or JSON per --diagnostics-format; -q hides
// warnings and notes) and returns the exit code they imply.
int report(const diag::DiagnosticSink& sink, Console& console);

// The ENV positional, --root and --max-input-size as loader options, or
// nullopt after reporting a malformed value.
std::optional<spec::LoadOptions> load_options(const ArgParser& args, diag::DiagnosticSink& sink);

// Loads and validates the environment named by the ENV positional. Returns
// the model only when there are no errors; everything found goes to `sink`
// (print it with report()).
std::optional<model::Model> load_valid_model(const ArgParser& args, Console& console,
                                             diag::DiagnosticSink& sink);

// Options of plan/apply/destroy: tool locations, cluster access, the
// gateway and its token (cli/plan.cpp).
void add_deploy_options(ArgParser& parser);
// Fills `request` from those options; false after printing a usage error
// (the caller returns kExitUsage).
bool read_deploy_options(const ArgParser& args, Console& console, deploy::DeployRequest& request);
// The console as the deploy commands see it (reads confirmations from stdin).
deploy::DeployIo deploy_io(Console& console);

Command validate_command();
Command build_command();
Command schema_command();
Command defaults_command();
Command version_command();
Command plan_command();
Command apply_command();
Command destroy_command();
Command graph_command();
Command drift_command();
Command reconcile_command();
// --runtime-dir of the local provider (cli/drift.cpp).
void add_runtime_dir_option(ArgParser& parser);
std::vector<Command> deploy_commands();  // plan, apply, drift, reconcile, destroy, graph

}  // namespace ivcapgen::cli
