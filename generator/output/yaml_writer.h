#pragma once
// Block-style YAML from JSON values: stable (insertion) key order, quoting
// only where a plain scalar would be read differently (YAML 1.1 and 1.2, so
// kubectl, Helm and PyYAML all read the same value), block literals for
// multi-line text, `---` between documents. Same input, same bytes.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ivcapgen::output {

using Json = nlohmann::ordered_json;

std::string to_yaml(const Json& value);
// Documents separated by `---` (each starts with `---` except the first).
std::string to_yaml_documents(const std::vector<Json>& documents);
// True when `s` must be quoted to stay a string.
bool needs_quotes(std::string_view s);
// JSON text: two-space indent, trailing newline.
std::string to_json_text(const Json& value);

}  // namespace ivcapgen::output
