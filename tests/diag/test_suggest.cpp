#include <catch2/catch.hpp>

#include "diag/suggest.h"

using namespace ivcapgen::diag;

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps") {
  CHECK(edit_distance("nodePool", "nodePools") == 1);
  CHECK(edit_distance("dependancies", "dependencies") == 1);
  CHECK(edit_distance("ab", "ba") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("Replicas", "replicas") == 0);
}

TEST_CASE("closest match suggests plausible typos only") {
  std::vector<std::string> keys = {"nodePools", "kubernetesVersion"};
  CHECK(closest_match("nodePool", keys) == std::optional<std::string>("nodePools"));
  CHECK(closest_match("kubernetesversion", keys) ==
        std::optional<std::string>("kubernetesVersion"));
  CHECK_FALSE(closest_match("zzz", keys).has_value());
  CHECK_FALSE(closest_match("nodePools", keys).has_value());  // exact: nothing to suggest
}

TEST_CASE("alternatives join with commas and a final separator") {
  CHECK(join_alternatives(std::vector<std::string>{"a", "b", "c"}) == "a, b or c");
  CHECK(join_alternatives(std::vector<std::string>{"a"}) == "a");
}
