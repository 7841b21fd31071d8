#pragma once
// The syntax of the scalar types of Kubernetes and Argo objects, written by
// hand (no std::regex: these run for every scalar of every template).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ivcapgen::spec::argo {

// A Kubernetes resource.Quantity as a string: 500m, 1Gi, 0.5, 1e3, +2E-3
// (the grammar of Kubernetes' OpenAPI pattern for quantities).
bool is_quantity(std::string_view text);

// The likely intended spelling of a mistyped quantity ("500mi" → "500Mi",
// "1GB" → "1G", "2KiB" → "2Ki"); nullopt when there is no obvious one.
std::optional<std::string> quantity_fix(std::string_view text);

// Standard base64 with padding, optionally broken into lines.
bool is_base64(std::string_view text);

// An RFC 3339 date-time: 2024-05-01T12:00:00Z, 2024-05-01T12:00:00.5+10:00.
bool is_date_time(std::string_view text);

// YAML 1.2 core integers and floats (decimal, 0x hex, 0o octal; .inf, .nan).
// nullopt when the text is not one, or an integer does not fit in 64 bits.
std::optional<int64_t> parse_yaml_int(std::string_view text);
std::optional<double> parse_yaml_float(std::string_view text);

}  // namespace ivcapgen::spec::argo
