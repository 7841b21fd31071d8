#pragma once
// Strategic merge of SourceNode trees (SPEC 2.2): maps merge recursively;
// lists of maps that all have `name` merge by name; other lists replace;
// `null` deletes a key; `$patch: replace` on a map replaces it whole. Merged
// nodes keep the location of the document that set them last, so a bad value
// is reported at the overlay line that produced it.
#include "diag/diagnostic.h"
#include "spec/node.h"

namespace ivcapgen::spec {

void strategic_merge(SourceNode& base, const SourceNode& patch, diag::DiagnosticSink& sink);

}  // namespace ivcapgen::spec
