#include "model/quantity.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace ivcapgen::model {

namespace {

struct Suffix {
  std::string_view text;
  long double factor;
};

// Binary suffixes first: "Mi" must not be read as "M" followed by junk.
constexpr Suffix kSuffixes[] = {
    {"Ki", 1024.0L},
    {"Mi", 1048576.0L},
    {"Gi", 1073741824.0L},
    {"Ti", 1099511627776.0L},
    {"Pi", 1125899906842624.0L},
    {"Ei", 1152921504606846976.0L},
    {"n", 1e-9L},
    {"u", 1e-6L},
    {"m", 1e-3L},
    {"k", 1e3L},
    {"M", 1e6L},
    {"G", 1e9L},
    {"T", 1e12L},
    {"P", 1e15L},
    {"E", 1e18L},
};

}  // namespace

std::optional<Quantity> parse_quantity(std::string_view s) {
  if (s.empty() || s.size() > 64) return std::nullopt;
  size_t i = 0;
  bool negative = false;
  if (s[i] == '+' || s[i] == '-') negative = s[i++] == '-';
  size_t digits_start = i;
  size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  std::string number(s.substr(digits_start, i - digits_start));
  long double value = std::strtold(number.c_str(), nullptr);
  std::string_view rest = s.substr(i);
  long double factor = 1;
  if (!rest.empty() && (rest[0] == 'e' || rest[0] == 'E') && rest.size() > 1 &&
      (std::isdigit(static_cast<unsigned char>(rest[1])) || rest[1] == '-' || rest[1] == '+')) {
    size_t j = 1;
    if (rest[j] == '+' || rest[j] == '-') ++j;
    size_t exp_start = j;
    while (j < rest.size() && std::isdigit(static_cast<unsigned char>(rest[j]))) ++j;
    if (j == exp_start || j != rest.size()) return std::nullopt;
    factor = std::pow(10.0L, std::strtold(std::string(rest.substr(1)).c_str(), nullptr));
  } else if (!rest.empty()) {
    bool found = false;
    for (const auto& suffix : kSuffixes) {
      if (rest == suffix.text) {
        factor = suffix.factor;
        found = true;
        break;
      }
    }
    if (!found) return std::nullopt;
  }
  long double total = value * factor * 1000.0L;
  if (!std::isfinite(total)) return std::nullopt;
  return Quantity{negative ? -total : total};
}

bool is_quantity(std::string_view text) {
  return parse_quantity(text).has_value();
}

std::string canonical_quantity(std::string_view text) {
  auto q = parse_quantity(text);
  if (!q) return std::string(text);
  long double milli = std::round(q->milli);
  char buf[64];
  // Whole binary multiples read best with their binary suffix (memory).
  static constexpr Suffix kBinary[] = {
      {"Ei", 1152921504606846976.0L}, {"Pi", 1125899906842624.0L}, {"Ti", 1099511627776.0L},
      {"Gi", 1073741824.0L},          {"Mi", 1048576.0L},          {"Ki", 1024.0L}};
  long double units = milli / 1000.0L;
  if (std::fmod(milli, 1000.0L) == 0) {
    for (const auto& b : kBinary) {
      if (units >= b.factor && std::fmod(units, b.factor) == 0) {
        std::snprintf(buf, sizeof buf, "%.0Lf%s", units / b.factor, std::string(b.text).c_str());
        return buf;
      }
    }
    std::snprintf(buf, sizeof buf, "%.0Lf", units);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.0Lfm", milli);
  return buf;
}

std::optional<long long> parse_duration_seconds(std::string_view s) {
  if (s.empty() || s.size() > 32) return std::nullopt;
  long long total = 0;
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start || i == s.size() || i - start > 9) return std::nullopt;
    long long n = std::stoll(std::string(s.substr(start, i - start)));
    switch (s[i++]) {
      case 'h':
        total += n * 3600;
        break;
      case 'm':
        total += n * 60;
        break;
      case 's':
        total += n;
        break;
      default:
        return std::nullopt;
    }
  }
  return total;
}

}  // namespace ivcapgen::model
