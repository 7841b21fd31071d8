#pragma once
// The model as JSON, through the same `describe` declarations the decoder
// uses: plan-input.json, catalog documents and `ivcapgen defaults` print it.
#include <nlohmann/json.hpp>

#include "model/model.h"

namespace ivcapgen::emit {

using Json = nlohmann::ordered_json;

// A free-form tree as JSON, scalars typed by the YAML 1.2 core schema.
Json node_to_json(const spec::SourceNode& node);

Json environment_json(const model::Environment& env);
// The service description as written (after migration), with the
// controller's $schema in ADR form and the service id.
Json service_json(const model::Service& service);
Json controller_json(const model::Controller& controller);

}  // namespace ivcapgen::emit
