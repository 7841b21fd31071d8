#pragma once
// Argo workflow services (SPEC 2.4): the SDK form (a whole Workflow under
// `workflow:`) is unpacked into the same fields as the ADR form, and every
// template and workflow-level field is checked strictly against Argo 3.6.
#include "diag/diagnostic.h"
#include "model/service.h"

namespace ivcapgen::spec {

// The workflow-level fields a service may carry (SPEC 2.4), by Argo name.
const std::vector<std::string_view>& allowed_workflow_fields();

void check_argo_controller(model::ArgoController& argo, diag::DiagnosticSink& sink);

}  // namespace ivcapgen::spec
