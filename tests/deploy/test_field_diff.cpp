// Field-level diffs: declared fields against live objects (server-set fields
// ignored, named lists matched by name, quantities by value), full diffs,
// and secrets kept out.
#include <catch2/catch.hpp>

#include "deploy/field_diff.h"

using namespace ivcapgen::deploy;

namespace {

Json parse(const char* text) {
  return Json::parse(text);
}

}  // namespace

TEST_CASE("declared diff: server-set fields and status are ignored", "[deploy][diff]") {
  const Json desired = parse(R"({"apiVersion": "v1", "kind": "ConfigMap",
    "metadata": {"name": "c", "namespace": "n", "labels": {"a": "1"}}, "data": {"k": "v"}})");
  const Json live = parse(R"({"apiVersion": "v1", "kind": "ConfigMap",
    "metadata": {"name": "c", "namespace": "n", "uid": "123", "resourceVersion": "9",
                 "labels": {"a": "1", "added-by-someone": "x"}, "managedFields": []},
    "data": {"k": "v"}, "status": {"phase": "whatever"}})");
  CHECK(diff_declared(desired, live).empty());
}

TEST_CASE("declared diff: named list items are matched by name", "[deploy][diff]") {
  const Json desired = parse(R"({"spec": {"containers": [
    {"name": "b", "image": "img:2", "resources": {"limits": {"cpu": "1", "memory": "1Gi"}}},
    {"name": "a", "image": "img:1", "env": [{"name": "X", "value": "1"}]}]}})");
  const Json live = parse(R"({"spec": {"containers": [
    {"name": "a", "image": "img:1", "terminationMessagePath": "/dev/termination-log",
     "env": [{"name": "X", "value": "1"}, {"name": "OLD", "value": "gone"}]},
    {"name": "b", "image": "img:1", "resources": {"limits": {"cpu": "1000m", "memory": "1024Mi"}}}]}})");
  const auto diff = diff_declared(desired, live);
  REQUIRE(diff.size() == 2);
  CHECK(diff[0] == FieldChange{"spec.containers[name=b].image", Json("img:1"), Json("img:2")});
  CHECK(diff[1].path == "spec.containers[name=a].env[name=OLD]");
  CHECK_FALSE(diff[1].after.has_value());
}

TEST_CASE("declared diff: missing fields, odd keys and scalar lists", "[deploy][diff]") {
  const Json desired = parse(R"({"metadata": {"labels": {"ivcap.io/service": "s"}},
    "spec": {"replicas": 2, "args": ["--a", "--b"], "emptyDir": {}}})");
  const Json live =
      parse(R"({"metadata": {"labels": {}}, "spec": {"replicas": 2, "args": ["--a"]}})");
  const auto diff = diff_declared(desired, live);
  REQUIRE(diff.size() == 2);
  CHECK(diff[0].path == R"(metadata.labels["ivcap.io/service"])");
  CHECK_FALSE(diff[0].before.has_value());
  CHECK(diff[1].path == "spec.args");
}

TEST_CASE("full diff: added, removed and changed values", "[deploy][diff]") {
  const Json before =
      parse(R"({"controller": {"replicaCount": 1, "old": true}, "list": [{"a": 1}]})");
  const Json after =
      parse(R"({"controller": {"replicaCount": 2}, "list": [{"a": 1}, {"a": 2}], "new": "x"})");
  const auto diff = diff_full(before, after);
  REQUIRE(diff.size() == 4);
  CHECK(diff[0] == FieldChange{"controller.replicaCount", Json(1), Json(2)});
  CHECK(diff[1] == FieldChange{"controller.old", Json(true), std::nullopt});
  CHECK(diff[2] == FieldChange{"list[1]", std::nullopt, parse(R"({"a": 2})")});
  CHECK(diff[3] == FieldChange{"new", std::nullopt, Json("x")});
}

TEST_CASE("secrets: secret-looking keys and env entries are masked", "[deploy][diff][secrets]") {
  CHECK(is_secret_key("password"));
  CHECK(is_secret_key("adminPassword"));
  CHECK(is_secret_key("clientSecret"));
  CHECK(is_secret_key("apiKey"));
  CHECK_FALSE(is_secret_key("existingSecret"));
  CHECK_FALSE(is_secret_key("secretKeyRef"));
  CHECK_FALSE(is_secret_key("passwordSecretName"));
  CHECK(is_secret_path("values.auth.rootPassword"));
  CHECK(is_secret_path("spec.containers[name=a].env[name=DB_PASSWORD].value"));
  CHECK_FALSE(is_secret_path("spec.template.spec.containers[name=gateway].image"));

  std::vector<FieldChange> changes = {
      {"values.auth.rootPassword", Json("old-pw"), Json("new-pw")},
      {"spec.env", std::nullopt,
       parse(R"([{"name": "API_TOKEN", "value": "t0k"}, {"name": "MODE", "value": "fast"}])")},
      {"values.db", std::nullopt, parse(R"({"host": "h", "password": "pw"})")}};
  mask_secrets(changes);
  CHECK(changes[0].before == Json("(sensitive)"));
  CHECK(changes[0].after == Json("(sensitive)"));
  CHECK((*changes[1].after)[0]["value"] == "(sensitive)");
  CHECK((*changes[1].after)[1]["value"] == "fast");
  CHECK((*changes[2].after)["password"] == "(sensitive)");
  CHECK((*changes[2].after)["host"] == "h");
}
