#pragma once
// JSON Schema (draft-07) from the same `describe` declarations the decoder
// uses, so that editors with yaml-language-server complete and check specs
// exactly as ivcapgen does.
#include <nlohmann/json.hpp>
#include <string_view>

namespace ivcapgen::spec {

// "environment", "overlay" or "service"; throws std::invalid_argument for
// anything else.
nlohmann::ordered_json json_schema(std::string_view document);

}  // namespace ivcapgen::spec
