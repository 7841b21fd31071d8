#pragma once
// Parsing YAML text in tests, with the diagnostics it produced.
#include <memory>
#include <string>

#include "diag/diagnostic.h"
#include "spec/yaml_reader.h"

namespace ivcapgen::testing {

struct Parsed {
  diag::DiagnosticSink sink;
  std::vector<spec::SourceNode> documents;
  const spec::SourceNode& doc() const { return documents.at(0); }
};

inline std::unique_ptr<Parsed> parse_yaml(std::string text, std::string path = "test.yaml",
                                          spec::ReadLimits limits = {}) {
  auto p = std::make_unique<Parsed>();
  auto file = std::make_shared<const diag::SourceFile>(std::move(path), std::move(text));
  p->documents = spec::read_yaml(file, p->sink, limits);
  return p;
}

// "file:line:col: message" of every diagnostic, for readable assertions.
inline std::string describe_all(const diag::DiagnosticSink& sink) {
  std::string out;
  for (const auto& d : sink.sorted()) {
    out += d.location.to_string() + ": " + diag::to_string(d.severity) + ": " + d.message;
    if (!d.suggestion.empty()) out += " [" + d.suggestion + "]";
    out += "\n";
  }
  return out;
}

}  // namespace ivcapgen::testing
