#pragma once
// YAML (and JSON) text → SourceNode documents, defensively: invalid UTF-8,
// NUL bytes, alias bombs, deep nesting and duplicate keys are diagnostics,
// never crashes or hangs.
#include <vector>

#include "diag/diagnostic.h"
#include "spec/node.h"

namespace ivcapgen::spec {

struct ReadLimits {
  size_t max_alias_nodes = 10000;  // nodes that aliases may add, all aliases together
  size_t max_depth = 256;          // nesting of mappings and sequences
};

// Parses every document of `file`. On a fatal problem reports it and returns
// the documents read so far (callers check the sink).
std::vector<SourceNode> read_yaml(const diag::SourceFilePtr& file, diag::DiagnosticSink& sink,
                                  const ReadLimits& limits = {});

// Checks that text is UTF-8 without NUL bytes; reports the first bad byte.
bool check_text_encoding(const diag::SourceFilePtr& file, diag::DiagnosticSink& sink);

}  // namespace ivcapgen::spec
