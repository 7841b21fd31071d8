#pragma once
// One service document → model::Service: service.2 in either URN spelling,
// legacy service.1 migrated (with a warning showing the new form).
#include <optional>

#include "diag/diagnostic.h"
#include "model/model.h"
#include "spec/node.h"

namespace ivcapgen::spec {

std::optional<model::Service> decode_service(const SourceNode& doc, diag::DiagnosticSink& sink);

}  // namespace ivcapgen::spec
