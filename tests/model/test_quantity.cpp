#include <catch2/catch.hpp>

#include "model/quantity.h"

using namespace ivcapgen::model;

TEST_CASE("quantities parse with decimal, binary and exponent suffixes") {
  CHECK(parse_quantity("500m")->milli == Approx(500));
  CHECK(parse_quantity("1")->milli == Approx(1000));
  CHECK(parse_quantity("0.5")->milli == Approx(500));
  CHECK(parse_quantity("1Gi")->milli == Approx(1073741824000.0));
  CHECK(parse_quantity("1e3")->milli == Approx(1e6));
  CHECK_FALSE(parse_quantity("1GB"));
  CHECK_FALSE(parse_quantity("500mi"));
  CHECK_FALSE(parse_quantity(""));
  CHECK_FALSE(parse_quantity("m"));
}

TEST_CASE("canonical quantities make equal amounts compare equal") {
  CHECK(canonical_quantity("1000m") == "1");
  CHECK(canonical_quantity("1") == "1");
  CHECK(canonical_quantity("1024Mi") == "1Gi");
  CHECK(canonical_quantity("0.5") == "500m");
  CHECK(canonical_quantity("2048Ki") == "2Mi");
}

TEST_CASE("durations") {
  CHECK(parse_duration_seconds("15m") == 900);
  CHECK(parse_duration_seconds("1h30m") == 5400);
  CHECK_FALSE(parse_duration_seconds("15"));
  CHECK_FALSE(parse_duration_seconds("m"));
  CHECK_FALSE(parse_duration_seconds("99999999999999s"));
}
