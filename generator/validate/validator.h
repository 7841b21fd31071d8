#pragma once
// Rules over the resolved model (SPEC 2.3–2.5). Each rule is small, named,
// and reports into the sink with its name, so `--diagnostics-format json`
// and the tests can tell which rule spoke.
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "model/model.h"

namespace ivcapgen::validate {

// The sink a rule reports into: it stamps the rule's name on everything.
class Findings {
 public:
  Findings(diag::DiagnosticSink& sink, std::string_view rule) : sink_(sink), rule_(rule) {}
  diag::Diagnostic& error(const diag::SourceLocation& loc, std::string message);
  diag::Diagnostic& warning(const diag::SourceLocation& loc, std::string message);
  diag::Diagnostic& policy(const diag::SourceLocation& loc, std::string message);

 private:
  diag::Diagnostic& stamp(diag::Diagnostic& d);
  diag::DiagnosticSink& sink_;
  std::string_view rule_;
};

struct Rule {
  std::string_view name;
  std::string_view summary;
  void (*check)(const model::Model&, Findings&);
};

const std::vector<Rule>& rules();
void validate_model(const model::Model& m, diag::DiagnosticSink& sink);

}  // namespace ivcapgen::validate
