#include <catch2/catch.hpp>

#include "model/syntax.h"

using namespace ivcapgen::model;

TEST_CASE("service names follow the CloudFlow rules") {
  CHECK(is_service_name("hpc-preprocessor"));
  CHECK(is_service_name("a1"));
  CHECK_FALSE(is_service_name("1abc"));
  CHECK_FALSE(is_service_name("abc-"));
  CHECK_FALSE(is_service_name("Abc"));
  CHECK_FALSE(is_service_name("a_b"));
  CHECK_FALSE(is_service_name("../etc"));
  CHECK_FALSE(is_service_name("a;rm"));
}

TEST_CASE("image references refuse spaces and shell metacharacters") {
  CHECK(is_image_reference("alpine:3.7"));
  CHECK(is_image_reference("ghcr.io/org/img:1.0@sha256:abcdef"));
  CHECK(is_image_reference("registry:5000/a/b"));
  CHECK_FALSE(is_image_reference("alpine;rm -rf /"));
  CHECK_FALSE(is_image_reference("$(whoami)"));
  CHECK_FALSE(is_image_reference("a/../b"));
  CHECK_FALSE(is_image_reference("`id`"));
}

TEST_CASE("DNS names, labels and versions") {
  CHECK(is_dns_label("ivcap-system"));
  CHECK_FALSE(is_dns_label("-a"));
  CHECK(is_dns_name("api.dev.example.org"));
  CHECK_FALSE(is_dns_name("a..b"));
  CHECK(is_label_key("ivcap.io/accelerator"));
  CHECK_FALSE(is_label_key("a/b/c"));
  CHECK(is_minor_version("1.32"));
  CHECK_FALSE(is_minor_version("1.3x"));
  CHECK(is_chart_version("v1.20.3"));
  CHECK(is_chart_version("0.45.20"));
  CHECK_FALSE(is_chart_version("latest"));
  CHECK(is_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"));
}
