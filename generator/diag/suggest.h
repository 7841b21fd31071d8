#pragma once
// Did-you-mean: the closest candidate by edit distance.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ivcapgen::diag {

// Optimal-string-alignment distance (Levenshtein plus adjacent swaps),
// case-insensitive for letters.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if close enough to be a plausible typo
// (distance at most max(1, len/3), or a case-only difference).
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates);
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// "a, b or c" for listing allowed values in a message.
std::string join_alternatives(std::span<const std::string_view> items,
                              std::string_view last_sep = " or ");
std::string join_alternatives(const std::vector<std::string>& items,
                              std::string_view last_sep = " or ");

}  // namespace ivcapgen::diag
