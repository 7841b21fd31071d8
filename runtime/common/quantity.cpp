#include "common/quantity.h"

#include <cctype>
#include <limits>

namespace ivcap::runtime {

namespace {

// Reads a run of digits; nullopt on overflow or when there is none.
std::optional<std::uint64_t> read_number(std::string_view text, size_t& pos) {
  size_t start = pos;
  std::uint64_t n = 0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
    std::uint64_t digit = static_cast<std::uint64_t>(text[pos] - '0');
    if (n > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return std::nullopt;
    n = n * 10 + digit;
    ++pos;
  }
  if (pos == start) return std::nullopt;
  return n;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text.empty() || text.size() > 32) return std::nullopt;
  size_t pos = 0;
  std::uint64_t total_ms = 0;
  constexpr std::uint64_t kMaxMs = 10ull * 365 * 24 * 3600 * 1000;  // ten years
  while (pos < text.size()) {
    auto n = read_number(text, pos);
    if (!n) return std::nullopt;
    std::string_view rest = text.substr(pos);
    std::uint64_t unit_ms = 0;
    if (rest.empty()) {
      if (pos != text.size() || total_ms != 0) return std::nullopt;  // "1m30" is ambiguous
      unit_ms = 1000;
    } else if (rest.rfind("ms", 0) == 0) {
      unit_ms = 1, pos += 2;
    } else if (rest[0] == 's') {
      unit_ms = 1000, pos += 1;
    } else if (rest[0] == 'm') {
      unit_ms = 60 * 1000, pos += 1;
    } else if (rest[0] == 'h') {
      unit_ms = 3600 * 1000, pos += 1;
    } else {
      return std::nullopt;
    }
    if (*n > kMaxMs / unit_ms) return std::nullopt;
    total_ms += *n * unit_ms;
    if (total_ms > kMaxMs) return std::nullopt;
  }
  return std::chrono::milliseconds(static_cast<std::int64_t>(total_ms));
}

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
  size_t pos = 0;
  auto n = read_number(text, pos);
  if (!n) return std::nullopt;
  std::string_view unit = text.substr(pos);
  std::uint64_t factor = 1;
  if (unit.empty()) {
    factor = 1;
  } else if (unit == "Ki") {
    factor = 1ull << 10;
  } else if (unit == "Mi") {
    factor = 1ull << 20;
  } else if (unit == "Gi") {
    factor = 1ull << 30;
  } else if (unit == "Ti") {
    factor = 1ull << 40;
  } else if (unit == "K" || unit == "k") {
    factor = 1000;
  } else if (unit == "M") {
    factor = 1000 * 1000;
  } else if (unit == "G") {
    factor = 1000ull * 1000 * 1000;
  } else {
    return std::nullopt;
  }
  if (*n > std::numeric_limits<std::uint64_t>::max() / factor) return std::nullopt;
  return *n * factor;
}

}  // namespace ivcap::runtime
