#include "cli/cli.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/command.h"
#include "cli/interrupt.h"
#include "diag/suggest.h"

namespace ivcapgen::cli {

namespace {

std::vector<Command> all_commands() {
  std::vector<Command> out = {validate_command(), build_command()};
  out.push_back(plan_command());
  out.push_back(apply_command());
  out.push_back(destroy_command());
  out.push_back(drift_command());
  out.push_back(reconcile_command());
  out.push_back(graph_command());
  out.push_back(schema_command());
  out.push_back(defaults_command());
  out.push_back(version_command());
  return out;
}

std::string overview(const std::vector<Command>& commands) {
  std::string out =
      "usage: ivcapgen <command> [arguments] [options]\n\n"
      "Compiles IVCAP platform and service specs into Terraform, Helm values and\n"
      "Kubernetes/Argo manifests, and deploys them in waves.\n\ncommands:\n";
  for (const auto& c : commands) {
    out += "  " + c.name + std::string(c.name.size() < 11 ? 11 - c.name.size() : 1, ' ') +
           c.summary + "\n";
  }
  out += "\nRun 'ivcapgen <command> --help' for the options of a command.\n";
  return out;
}

bool color_wanted(const std::string& mode, std::ostream& err) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return &err == &std::cerr && isatty(STDERR_FILENO);
}

}  // namespace

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
  std::vector<Command> commands = all_commands();
  if (argc < 2) {
    err << overview(commands);
    return kExitUsage;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    out << overview(commands);
    return kExitOk;
  }
  if (name == "--version") name = "version";
  const Command* command = nullptr;
  for (const auto& c : commands) {
    if (c.name == name) command = &c;
  }
  if (!command) {
    std::vector<std::string> names;
    for (const auto& c : commands) names.push_back(c.name);
    err << "ivcapgen: error: unknown command '" << name << "'";
    if (auto s = diag::closest_match(name, names)) err << "; did you mean '" << *s << "'?";
    err << "\n" << overview(commands);
    return kExitUsage;
  }
  ArgParser parser(command->name, command->summary);
  command->declare(parser);
  add_common_options(parser);
  std::vector<std::string> args(argv + 2, argv + argc);
  if (!parser.parse(args)) {
    err << "ivcapgen: error: " << parser.error() << "\n" << parser.usage_line() << "\n";
    return kExitUsage;
  }
  if (parser.help_requested()) {
    out << parser.help_text();
    return kExitOk;
  }
  std::string color = parser.value_or("--color", "auto");
  std::string format = parser.value_or("--diagnostics-format", "text");
  if (color != "auto" && color != "always" && color != "never") {
    err << "ivcapgen: error: --color must be auto, always or never\n";
    return kExitUsage;
  }
  if (format != "text" && format != "json") {
    err << "ivcapgen: error: --diagnostics-format must be text or json\n";
    return kExitUsage;
  }
  Console console{out, err};
  console.color = color_wanted(color, err);
  console.quiet = parser.has("-q");
  console.verbose = parser.has("-v");
  console.progress = !parser.has("--no-progress");
  console.stdin_is_tty = isatty(STDIN_FILENO);
  console.diagnostics_format = format;
  int code = command->run(parser, console);
  // A command stopped by Ctrl-C has finished its step and saved its state.
  return interrupted() ? kExitInterrupted : code;
}

}  // namespace ivcapgen::cli
