#pragma once
// IVCAP schema URNs in both spellings: the ADR form
// `urn:ivcap:schema:service.argo-wf.1` and the SDK form
// `urn:ivcap:schema.service.argo.1`. Everything downstream sees the ADR form.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/service.h"

namespace ivcapgen::model {

struct ControllerSchemaInfo {
  ControllerModel model;
  std::string_view name;  // "argo-wf"
  bool orderable;
};

// Every controller model ivcapgen knows, in a stable order.
const std::vector<ControllerSchemaInfo>& known_controllers();

// The model of a controller $schema in either spelling, or nullopt.
std::optional<ControllerSchemaInfo> parse_controller_schema(std::string_view urn);
// "urn:ivcap:schema:service.<name>.1"
std::string controller_schema_urn(std::string_view name);
// The known controller schemas in ADR form, for messages.
std::vector<std::string> known_controller_urns();
const ControllerSchemaInfo& controller_info(ControllerModel model);

// Top-level service schema: 2 for service.2 (either spelling), 1 for the
// legacy service.1, 0 when unknown.
int service_schema_version(std::string_view urn);
inline constexpr std::string_view kServiceSchema2 = "urn:ivcap:schema:service.2";

}  // namespace ivcapgen::model
