#pragma once
// Durations ("500ms", "30s", "15m", "1h30m"; a bare number is seconds) and
// byte sizes ("1048576", "64Ki", "16Mi", "1Gi", "10M") as written in flags
// and in service controllers (`idle-timeout`).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ivcap::runtime {

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);
std::optional<std::uint64_t> parse_byte_size(std::string_view text);

}  // namespace ivcap::runtime
