#include "cli/command.h"

#include "diag/printer.h"
#include "spec/model_loader.h"
#include "validate/validator.h"

namespace ivcapgen::cli {

void add_common_options(ArgParser& parser) {
  parser.flag("-q", "Quiet: only errors", "--quiet");
  parser.flag("-v", "Verbose: log every external command (secrets redacted)", "--verbose");
  parser.option("--color", "WHEN", "auto (default: on a terminal, unless NO_COLOR), always, never");
  parser.flag("--no-progress", "No progress lines on stderr");
  parser.option("--diagnostics-format", "FORMAT", "text (default) or json (on stdout)");
}

void add_load_options(ArgParser& parser) {
  parser.option("--root", "DIR",
                "Inputs must stay below DIR (default: the environment's git work tree)");
  parser.option("--max-input-size", "BYTES", "Refuse input files larger than this (16 MiB)");
}

int report(const diag::DiagnosticSink& sink, Console& console) {
  std::vector<diag::Diagnostic> shown;
  for (auto& d : sink.sorted()) {
    if (console.quiet && d.severity != diag::Severity::Error) continue;
    shown.push_back(std::move(d));
  }
  if (console.diagnostics_format == "json") {
    diag::print_json(console.out, shown);
  } else {
    diag::print_text(console.err, shown, {console.color});
    std::string summary = diag::summarize(shown);
    if (!summary.empty() && sink.has_errors()) console.err << summary << " generated.\n";
  }
  return sink.exit_code();
}

std::optional<spec::LoadOptions> load_options(const ArgParser& args, diag::DiagnosticSink& sink) {
  spec::LoadOptions options;
  options.environment = *args.positional_value("ENV");
  if (auto root = args.value("--root")) options.root = *root;
  if (auto size = args.value("--max-input-size")) {
    try {
      options.limits.max_input_size = std::stoull(*size);
    } catch (const std::exception&) {
      sink.error({}, "--max-input-size must be a number of bytes, got '" + *size + "'");
      return std::nullopt;
    }
  }
  return options;
}

std::optional<model::Model> load_valid_model(const ArgParser& args, Console& console,
                                             diag::DiagnosticSink& sink) {
  auto options = load_options(args, sink);
  if (!options) return std::nullopt;
  auto model = spec::load_model(*options, sink);
  if (model) validate::validate_model(*model, sink);
  (void)console;
  if (!model || sink.has_errors()) return std::nullopt;
  return model;
}

}  // namespace ivcapgen::cli
