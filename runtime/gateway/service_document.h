#pragma once
// Checks and normalises an IVCAP service.2 document for the registry:
// `$schema` -> urn:ivcap:schema:service.2, controller `$schema` -> the ADR
// form (urn:ivcap:schema:service.<model>.1) when known (unknown schemas are
// kept: ordering them gives the dispatcher's "unknown controller" error),
// `id`/`$id` kept or derived as ivcapgen derives it
// (urn:ivcap:service:UUIDv5(DNS, "<project>/<name>")). A legacy service.1
// document with `workflow: {type: basic, basic: {...}}` is migrated to a
// basic.1 controller.
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

namespace ivcap::runtime {

// `path_id`: the id in PUT /1/services/{id}; the body's id must agree.
std::variant<nlohmann::json, std::string> normalise_service_document(
    nlohmann::json doc, const std::string& project, const std::optional<std::string>& path_id);

bool is_service_name(std::string_view name);

}  // namespace ivcap::runtime
