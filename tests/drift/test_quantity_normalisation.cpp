// Scalars as Kubernetes reads them: quantities by value whatever their
// spelling (1000m = 1, 1Gi = 1024Mi, 0.5 = 500m), int-or-string by value
// (8080 = "8080"), and nothing else equal that is not.
#include <catch2/catch.hpp>

#include "deploy/field_diff.h"

using namespace ivcapgen::deploy;

namespace {

bool same(const Json& desired, const Json& live) {
  return equivalent_scalars(desired, live);
}

}  // namespace

TEST_CASE("quantities: the same value written two ways is equal", "[drift][quantity]") {
  CHECK(same("1000m", "1"));
  CHECK(same("1", "1000m"));
  CHECK(same("0.5", "500m"));
  CHECK(same("1Gi", "1024Mi"));
  CHECK(same("1024Ki", "1Mi"));
  CHECK(same("2G", "2000M"));
  CHECK(same("1e3", "1k"));
  CHECK(same("1.5Gi", "1536Mi"));
  CHECK(same("100m", "0.1"));
}

TEST_CASE("quantities: different values are not equal", "[drift][quantity]") {
  CHECK_FALSE(same("1", "1001m"));
  CHECK_FALSE(same("1Gi", "1G"));  // binary and decimal units differ
  CHECK_FALSE(same("512Mi", "1Gi"));
  CHECK_FALSE(same("250m", "0.5"));
}

TEST_CASE("int-or-string: a number and its text are equal", "[drift][quantity]") {
  CHECK(same(8080, "8080"));
  CHECK(same("8080", 8080));
  CHECK(same(1, "1000m"));
  CHECK(same(2, 2));
  CHECK_FALSE(same(8080, "8081"));
  CHECK_FALSE(same("http", 8080));
  // A percentage is int-or-string too, but no quantity: only identical text.
  CHECK(same("25%", "25%"));
  CHECK_FALSE(same("25%", 25));
}

TEST_CASE("non-quantities compare exactly", "[drift][quantity]") {
  CHECK_FALSE(same("IfNotPresent", "ifnotpresent"));
  CHECK_FALSE(same(true, "true"));
  CHECK_FALSE(same(nullptr, ""));
  CHECK(same("ghcr.io/x:1.0", "ghcr.io/x:1.0"));
}

TEST_CASE("declared diff normalises quantities inside resources", "[drift][quantity]") {
  const Json desired = Json::parse(R"({"resources": {"requests": {"cpu": "0.5", "memory": "1Gi"},
                                                      "limits": {"cpu": 2}}})");
  const Json live = Json::parse(R"({"resources": {"requests": {"cpu": "500m", "memory": "1024Mi"},
                                                   "limits": {"cpu": "2"}}})");
  CHECK(diff_declared(desired, live).empty());
  Json changed = live;
  changed["resources"]["limits"]["cpu"] = "1500m";
  const auto diff = diff_declared(desired, changed);
  REQUIRE(diff.size() == 1);
  CHECK(diff[0] == FieldChange{"resources.limits.cpu", Json("1500m"), Json(2)});
}
