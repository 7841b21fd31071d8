#include "diag/suggest.h"

#include <algorithm>
#include <cctype>

namespace ivcapgen::diag {

namespace {
char fold(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}
}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  // Three rows suffice for the optimal-string-alignment recurrence.
  std::vector<size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1])) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  std::vector<std::string_view> views(candidates.begin(), candidates.end());
  return closest_match(word, std::span<const std::string_view>(views));
}

std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates) {
  if (word.size() > 256) return std::nullopt;  // not a typo; avoid quadratic work
  std::optional<std::string> best;
  size_t best_distance = 0;
  for (const auto& c : candidates) {
    if (c.size() > 256 || c == word) continue;
    size_t d = edit_distance(word, c);
    if (!best || d < best_distance) {
      best = std::string(c);
      best_distance = d;
    }
  }
  if (!best) return std::nullopt;
  size_t longer = std::max(word.size(), best->size());
  size_t limit = std::max<size_t>(1, longer / 3);
  if (best_distance == 0 || best_distance <= limit) return best;  // 0: differs only in case
  return std::nullopt;
}

std::string join_alternatives(const std::vector<std::string>& items, std::string_view last_sep) {
  std::vector<std::string_view> views(items.begin(), items.end());
  return join_alternatives(std::span<const std::string_view>(views), last_sep);
}

std::string join_alternatives(std::span<const std::string_view> items, std::string_view last_sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? std::string(last_sep) : std::string(", ");
    out += items[i];
  }
  return out;
}

}  // namespace ivcapgen::diag
