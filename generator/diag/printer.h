#pragma once
// Renders diagnostics: GCC style text with the source line and a caret, or
// JSON for tools. Input order is kept; callers pass DiagnosticSink::sorted().
#include <ostream>
#include <vector>

#include "diag/diagnostic.h"

namespace ivcapgen::diag {

struct PrintOptions {
  bool color = false;
  bool show_notes = true;  // -q hides warnings and notes at the CLI, not here
};

void print_text(std::ostream& out, const std::vector<Diagnostic>& diagnostics,
                const PrintOptions& options);
void print_text(std::ostream& out, const Diagnostic& d, const PrintOptions& options);
// "2 errors and 1 warning" (empty when there are none).
std::string summarize(const std::vector<Diagnostic>& diagnostics);
// One JSON document: {"diagnostics": [...], "errors": N, "warnings": N}.
void print_json(std::ostream& out, const std::vector<Diagnostic>& diagnostics);

}  // namespace ivcapgen::diag
