#pragma once
// Timestamps on the wire: RFC 3339 UTC with milliseconds,
// e.g. "2024-08-21T10:15:30.123Z".
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ivcap::runtime {

std::string format_rfc3339(std::chrono::system_clock::time_point t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fff...](Z|+HH:MM|-HH:MM)".
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

}  // namespace ivcap::runtime
