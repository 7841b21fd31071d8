#pragma once
// Diagnostics are values: every stage reports into a DiagnosticSink and
// carries on, so one run shows every problem. Only the CLI turns them into
// text and an exit code.
#include <string>
#include <vector>

#include "diag/source.h"

namespace ivcapgen::diag {

enum class Severity { Note, Warning, Error };

// Policy diagnostics are the sandbox rules of SPEC 2.4; a run whose only
// errors are policy errors exits 3 instead of 1.
enum class Category { Input, Policy };

struct Diagnostic {
  Severity severity = Severity::Error;
  Category category = Category::Input;
  SourceLocation location;
  std::string message;
  std::string note;            // an extra line ("note: ...") explaining or showing a fix
  std::string suggestion;      // a did-you-mean candidate, shown as "; did you mean 'x'?"
  std::string rule;            // the name of the rule or decoder that reported it
  bool redact_source = false;  // the source line holds a secret: never print it
};

const char* to_string(Severity s);

class DiagnosticSink {
 public:
  void report(Diagnostic d);
  Diagnostic& error(SourceLocation loc, std::string message);
  Diagnostic& warning(SourceLocation loc, std::string message);
  Diagnostic& policy(SourceLocation loc, std::string message);
  Diagnostic& note(SourceLocation loc, std::string message);

  const std::vector<Diagnostic>& all() const { return diagnostics_; }
  // Sorted by file path, line, column (stable for equal positions).
  std::vector<Diagnostic> sorted() const;
  size_t error_count() const;
  size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  // 0 when no errors, 3 when every error is a policy error, else 1.
  int exit_code() const;
  void append(const DiagnosticSink& other);

 private:
  Diagnostic& add(Severity severity, Category category, SourceLocation loc, std::string message);
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace ivcapgen::diag
