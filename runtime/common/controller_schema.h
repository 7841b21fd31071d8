#pragma once
// Controller `$schema` URNs. Both spellings are accepted: the ADR form
// `urn:ivcap:schema:service.<model>.1` and the SDK form
// `urn:ivcap:schema.service.<model>.1`; the ADR form is canonical.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ivcap::runtime {

enum class ControllerModel { Basic, Batch, ArgoWf, Argo, AppServer, Rest, Dynamic, ServiceProxy };

std::optional<ControllerModel> parse_controller_schema(std::string_view schema);
std::string_view model_name(ControllerModel model);              // "argo-wf"
std::string canonical_controller_schema(ControllerModel model);  // ADR form
// Known schema -> ADR form; anything else unchanged.
std::string normalise_controller_schema(std::string_view schema);
// The known schemas, ADR form, sorted.
std::vector<std::string> known_controller_schemas();

// The service document's own `$schema` (service.2, either spelling).
bool is_service2_schema(std::string_view schema);
bool is_legacy_service1_schema(std::string_view schema);
inline constexpr std::string_view kService2Schema = "urn:ivcap:schema:service.2";

}  // namespace ivcap::runtime
