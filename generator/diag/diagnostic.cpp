#include "diag/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace ivcapgen::diag {

const char* to_string(Severity s) {
  switch (s) {
    case Severity::Note:
      return "note";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "error";
}

void DiagnosticSink::report(Diagnostic d) {
  diagnostics_.push_back(std::move(d));
}

Diagnostic& DiagnosticSink::add(Severity severity, Category category, SourceLocation loc,
                                std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.category = category;
  d.location = std::move(loc);
  d.message = std::move(message);
  diagnostics_.push_back(std::move(d));
  return diagnostics_.back();
}

Diagnostic& DiagnosticSink::error(SourceLocation loc, std::string message) {
  return add(Severity::Error, Category::Input, std::move(loc), std::move(message));
}

Diagnostic& DiagnosticSink::warning(SourceLocation loc, std::string message) {
  return add(Severity::Warning, Category::Input, std::move(loc), std::move(message));
}

Diagnostic& DiagnosticSink::policy(SourceLocation loc, std::string message) {
  return add(Severity::Error, Category::Policy, std::move(loc), std::move(message));
}

Diagnostic& DiagnosticSink::note(SourceLocation loc, std::string message) {
  return add(Severity::Note, Category::Input, std::move(loc), std::move(message));
}

std::vector<Diagnostic> DiagnosticSink::sorted() const {
  std::vector<Diagnostic> out = diagnostics_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::make_tuple(a.location.path(), a.location.line, a.location.column) <
           std::make_tuple(b.location.path(), b.location.line, b.location.column);
  });
  return out;
}

size_t DiagnosticSink::error_count() const {
  return std::count_if(diagnostics_.begin(), diagnostics_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

size_t DiagnosticSink::warning_count() const {
  return std::count_if(diagnostics_.begin(), diagnostics_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Warning; });
}

int DiagnosticSink::exit_code() const {
  bool any_error = false;
  bool input_error = false;
  for (const auto& d : diagnostics_) {
    if (d.severity != Severity::Error) continue;
    any_error = true;
    if (d.category != Category::Policy) input_error = true;
  }
  if (!any_error) return 0;
  return input_error ? 1 : 3;
}

void DiagnosticSink::append(const DiagnosticSink& other) {
  diagnostics_.insert(diagnostics_.end(), other.diagnostics_.begin(), other.diagnostics_.end());
}

}  // namespace ivcapgen::diag
