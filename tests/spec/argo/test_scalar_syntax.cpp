#include "spec/argo/scalar_syntax.h"

#include <catch2/catch.hpp>
#include <cmath>

namespace argo = ivcapgen::spec::argo;

TEST_CASE("scalar syntax: Kubernetes quantities", "[argo]") {
  for (const char* ok : {"500m", "1Gi", "0.5", "1e3", "1", "+2E-3", "-1", ".5", "1.", "128Mi", "2k",
                         "3Ei", "7n", "1.5e+2", "1e.5"}) {
    INFO(ok);
    CHECK(argo::is_quantity(ok));
  }
  for (const char* bad : {"1GB", "500mi", "", "m", "1 Gi", "1Ki ", "1K", "0x10", ".inf", "1e",
                          "1.2.3", "1Gi1", "Gi", "--1", "1ei"}) {
    INFO(bad);
    CHECK_FALSE(argo::is_quantity(bad));
  }
}

TEST_CASE("scalar syntax: quantity fixes", "[argo]") {
  CHECK(argo::quantity_fix("500mi") == "500Mi");
  CHECK(argo::quantity_fix("1GB") == "1G");
  CHECK(argo::quantity_fix("2KiB") == "2Ki");
  CHECK(argo::quantity_fix("2K") == "2k");
  CHECK(argo::quantity_fix("1.5gib") == "1.5Gi");
  CHECK_FALSE(argo::quantity_fix("1Gi"));
  CHECK_FALSE(argo::quantity_fix("lots"));
  CHECK_FALSE(argo::quantity_fix("1XB"));
  CHECK_FALSE(argo::quantity_fix("12"));
}

TEST_CASE("scalar syntax: base64", "[argo]") {
  for (const char* ok : {"", "aGVsbG8=", "aGk=", "aGVs", "aGVs\nbG8=", "aGVs\r\nbG8=\n"}) {
    INFO(ok);
    CHECK(argo::is_base64(ok));
  }
  for (const char* bad : {"aGVsbG8", "a===", "aG=k", "aGVsbG8=x", "a b=", "aG\nk="}) {
    INFO(bad);
    CHECK_FALSE(argo::is_base64(bad));
  }
}

TEST_CASE("scalar syntax: RFC 3339 date-times", "[argo]") {
  for (const char* ok :
       {"2024-05-01T12:00:00Z", "2024-02-29t23:59:60.123+10:00", "1999-12-31T00:00:00-05:30"}) {
    INFO(ok);
    CHECK(argo::is_date_time(ok));
  }
  for (const char* bad : {"2024-05-01", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
                          "2024-05-01T24:00:00Z", "2024-05-01T12:00:00", "2024-05-01 12:00:00Z",
                          "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00+1000"}) {
    INFO(bad);
    CHECK_FALSE(argo::is_date_time(bad));
  }
}

TEST_CASE("scalar syntax: YAML 1.2 core numbers", "[argo]") {
  CHECK(argo::parse_yaml_int("42") == 42);
  CHECK(argo::parse_yaml_int("-7") == -7);
  CHECK(argo::parse_yaml_int("+7") == 7);
  CHECK(argo::parse_yaml_int("0x1F") == 31);
  CHECK(argo::parse_yaml_int("0o17") == 15);
  CHECK(argo::parse_yaml_int("9223372036854775807") == INT64_MAX);
  CHECK(argo::parse_yaml_int("-9223372036854775808") == INT64_MIN);
  CHECK_FALSE(argo::parse_yaml_int("9223372036854775808"));
  CHECK_FALSE(argo::parse_yaml_int("0o19"));
  CHECK_FALSE(argo::parse_yaml_int("1.0"));
  CHECK_FALSE(argo::parse_yaml_int("--1"));
  CHECK_FALSE(argo::parse_yaml_int(""));
  CHECK(argo::parse_yaml_float("0.5") == 0.5);
  CHECK(argo::parse_yaml_float("+.5") == 0.5);
  CHECK(argo::parse_yaml_float("-1e3") == -1000.0);
  CHECK(argo::parse_yaml_float("3") == 3.0);
  CHECK(std::isinf(*argo::parse_yaml_float("-.inf")));
  CHECK(std::isinf(*argo::parse_yaml_float("1e999")));
  CHECK(*argo::parse_yaml_float("1e-999") == 0.0);
  CHECK(*argo::parse_yaml_float("0.0000e-999") == 0.0);
  CHECK(std::isnan(*argo::parse_yaml_float(".nan")));
  CHECK_FALSE(argo::parse_yaml_float("1e"));
  CHECK_FALSE(argo::parse_yaml_float("abc"));
  CHECK_FALSE(argo::parse_yaml_float("0x10"));
}
