#pragma once
// Validating a scratch environment and asking which rules spoke.
#include <string>

#include "spec/model_loader.h"
#include "support/cli_fixture.h"
#include "support/yaml_fixture.h"
#include "validate/validator.h"

namespace ivcapgen::testing {

struct Validated {
  diag::DiagnosticSink sink;
  // The diagnostics of one rule, as "line:col: message" lines.
  std::string of(std::string_view rule) const {
    std::string out;
    for (const auto& d : sink.sorted()) {
      if (d.rule != rule) continue;
      out += std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " +
             (d.severity == diag::Severity::Warning ? "warning: " : "") + d.message + "\n";
    }
    return out;
  }
  bool clean() const { return !sink.has_errors(); }
};

inline Validated validate_tree(const EnvTree& t) {
  Validated v;
  spec::LoadOptions options;
  options.environment = (t / "environment.yaml").string();
  if (auto m = spec::load_model(options, v.sink)) validate::validate_model(*m, v.sink);
  return v;
}

}  // namespace ivcapgen::testing
