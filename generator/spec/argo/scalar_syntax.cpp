#include "spec/argo/scalar_syntax.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>

namespace ivcapgen::spec::argo {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

size_t skip_digits(std::string_view s, size_t i) {
  while (i < s.size() && is_digit(s[i])) ++i;
  return i;
}

// digits ('.' digits*)? | '.' digits+ ; advances `i` past it.
bool read_decimal(std::string_view s, size_t& i) {
  size_t j = skip_digits(s, i);
  if (j > i) {
    if (j < s.size() && s[j] == '.') j = skip_digits(s, j + 1);
    i = j;
    return true;
  }
  if (i < s.size() && s[i] == '.') {
    j = skip_digits(s, i + 1);
    if (j == i + 1) return false;
    i = j;
    return true;
  }
  return false;
}

void skip_sign(std::string_view s, size_t& i) {
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
}

char upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

bool is_base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '+' || c == '/';
}

// Skips one "\n" or "\r\n".
bool skip_line_break(std::string_view s, size_t& i) {
  if (i < s.size() && s[i] == '\n') return ++i, true;
  if (i + 1 < s.size() && s[i] == '\r' && s[i + 1] == '\n') return i += 2, true;
  return false;
}

// Reads exactly `n` digits as a number in [lo, hi].
bool read_field(std::string_view s, size_t& i, size_t n, int lo, int hi, int& out) {
  if (i + n > s.size()) return false;
  int v = 0;
  for (size_t k = 0; k < n; ++k) {
    if (!is_digit(s[i + k])) return false;
    v = v * 10 + (s[i + k] - '0');
  }
  i += n;
  out = v;
  return v >= lo && v <= hi;
}

bool expect_char(std::string_view s, size_t& i, char a, char b = '\0') {
  if (i < s.size() && (s[i] == a || (b != '\0' && s[i] == b))) return ++i, true;
  return false;
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<size_t>(month - 1)];
}

}  // namespace

bool is_quantity(std::string_view s) {
  size_t i = 0;
  skip_sign(s, i);
  if (!read_decimal(s, i)) return false;
  std::string_view suffix = s.substr(i);
  if (suffix.empty()) return true;
  static constexpr std::string_view kBinary = "KMGTPE", kDecimal = "numkMGTPE";
  if (suffix.size() == 2 && suffix[1] == 'i') return kBinary.find(suffix[0]) != suffix.npos;
  if (suffix.size() == 1 && kDecimal.find(suffix[0]) != suffix.npos) return true;
  if (suffix[0] != 'e' && suffix[0] != 'E') return false;
  ++i;
  skip_sign(s, i);
  return read_decimal(s, i) && i == s.size();
}

std::optional<std::string> quantity_fix(std::string_view s) {
  size_t i = 0;
  skip_sign(s, i);
  if (!read_decimal(s, i) || i == s.size()) return std::nullopt;
  std::string_view number = s.substr(0, i), suffix = s.substr(i);
  std::string fixed;
  static constexpr std::string_view kLetters = "KMGTPE";
  char letter = upper(suffix[0]);
  bool scale_letter = kLetters.find(letter) != kLetters.npos;
  std::string tail;
  for (char c : suffix.substr(1)) tail += upper(c);
  if (scale_letter && (tail == "I" || tail == "IB")) {
    fixed = std::string(1, letter) + "i";  // 500mi, 2KiB: binary units
  } else if (scale_letter && (tail == "B" || tail.empty())) {
    fixed = letter == 'K' ? "k" : std::string(1, letter);  // 1GB, 2K: decimal units
  } else {
    return std::nullopt;
  }
  std::string candidate = std::string(number) + fixed;
  if (candidate == s || !is_quantity(candidate)) return std::nullopt;
  return candidate;
}

bool is_base64(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (skip_line_break(s, i)) continue;
    if (i + 4 <= s.size() && is_base64_char(s[i]) && is_base64_char(s[i + 1]) &&
        is_base64_char(s[i + 2]) && is_base64_char(s[i + 3])) {
      i += 4;
      continue;
    }
    break;
  }
  // An optional padded last group: xx== or xxx=.
  if (i + 4 <= s.size() && is_base64_char(s[i]) && is_base64_char(s[i + 1]) && s[i + 3] == '=' &&
      (s[i + 2] == '=' || is_base64_char(s[i + 2]))) {
    i += 4;
  }
  while (skip_line_break(s, i)) {
  }
  return i == s.size();
}

bool is_date_time(std::string_view s) {
  size_t i = 0;
  int year = 0, month = 0, day = 0, v = 0;
  if (!read_field(s, i, 4, 0, 9999, year) || !expect_char(s, i, '-') ||
      !read_field(s, i, 2, 1, 12, month) || !expect_char(s, i, '-') ||
      !read_field(s, i, 2, 1, days_in_month(year, month), day) || !expect_char(s, i, 'T', 't') ||
      !read_field(s, i, 2, 0, 23, v) || !expect_char(s, i, ':') || !read_field(s, i, 2, 0, 59, v) ||
      !expect_char(s, i, ':') || !read_field(s, i, 2, 0, 60, v)) {
    return false;
  }
  if (expect_char(s, i, '.')) {
    size_t j = skip_digits(s, i);
    if (j == i) return false;
    i = j;
  }
  if (expect_char(s, i, 'Z', 'z')) return i == s.size();
  if (!expect_char(s, i, '+', '-')) return false;
  return read_field(s, i, 2, 0, 23, v) && expect_char(s, i, ':') && read_field(s, i, 2, 0, 59, v) &&
         i == s.size();
}

std::optional<int64_t> parse_yaml_int(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
    base = s[1] == 'x' ? 16 : 8;
    s.remove_prefix(2);
  }
  if (s.empty() || s[0] == '+' || s[0] == '-') return std::nullopt;
  uint64_t magnitude = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (negative) {
    if (magnitude > kMax + 1) return std::nullopt;
    return magnitude == kMax + 1 ? std::numeric_limits<int64_t>::min()
                                 : -static_cast<int64_t>(magnitude);
  }
  if (magnitude > kMax) return std::nullopt;
  return static_cast<int64_t>(magnitude);
}

std::optional<double> parse_yaml_float(std::string_view s) {
  bool negative = false;
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    double inf = std::numeric_limits<double>::infinity();
    return negative ? -inf : inf;
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::numeric_limits<double>::quiet_NaN();
  // The YAML 1.2 core grammar: digits with an optional fraction and exponent.
  size_t i = 0;
  if (!read_decimal(body, i)) return std::nullopt;
  // Out of range is infinite unless the magnitude is below 1 (then it is 0).
  std::string_view integer_part = body.substr(0, std::min(body.find('.'), i));
  bool below_one = integer_part.find_first_not_of('0') == integer_part.npos;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && body[i] == '-') below_one = true;
    skip_sign(body, i);
    size_t j = skip_digits(body, i);
    if (j == i) return std::nullopt;
    i = j;
  }
  if (i != body.size()) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
  if (end != body.data() + body.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) {
    value = below_one ? 0.0 : std::numeric_limits<double>::infinity();
  } else if (ec != std::errc()) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

}  // namespace ivcapgen::spec::argo
