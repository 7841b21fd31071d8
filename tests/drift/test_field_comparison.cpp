// Which fields drift compares: those ivcapgen declares, with server-set
// defaults and status ignored; the lists Kubernetes merges by key matched in
// any order, atomic lists in order; live list items that another field
// manager added (managedFields) left alone; and drift.ignore rules.
// The live object is one recorded from an API server (tests/fixtures/drift).
#include <catch2/catch.hpp>

#include "deploy/field_diff.h"
#include "deploy/kubernetes_changes.h"
#include "model/drift_rule.h"
#include "support/test_env.h"

using namespace ivcapgen;
using namespace ivcapgen::deploy;

namespace {

Json fixture(const char* name) {
  return Json::parse(
      testing::read_file(testing::source_dir() / "tests" / "fixtures" / "drift" / name));
}

Json& gateway_container(Json& deployment) {
  for (auto& c : deployment["spec"]["template"]["spec"]["containers"]) {
    if (c["name"] == "gateway") return c;
  }
  throw std::logic_error("no gateway container");
}

std::string paths(const std::vector<FieldChange>& diff) {
  std::string s;
  for (const auto& c : diff) s += c.path + "\n";
  return s;
}

}  // namespace

TEST_CASE("recorded live object: defaults, status, reordered lists and quantities are no drift",
          "[drift][compare]") {
  const Json desired = fixture("gateway_desired.json");
  const Json live = fixture("gateway_live.json");
  const auto diff = diff_declared(desired, live);
  INFO(paths(diff));
  CHECK(diff.empty());
}

TEST_CASE("recorded live object: a changed image is drift at its field", "[drift][compare]") {
  const Json desired = fixture("gateway_desired.json");
  Json live = fixture("gateway_live.json");
  gateway_container(live)["image"] = "ghcr.io/example/ivcap-gateway:1.4.1-hotfix";
  const auto diff = diff_declared(desired, live);
  REQUIRE(diff.size() == 1);
  CHECK(diff[0] == FieldChange{"spec.template.spec.containers[name=gateway].image",
                               Json("ghcr.io/example/ivcap-gateway:1.4.1-hotfix"),
                               Json("ghcr.io/example/ivcap-gateway:1.4.2")});
}

TEST_CASE("managedFields: live items of a keyed list count only when ivcapgen owns them",
          "[drift][compare]") {
  const Json desired = fixture("gateway_desired.json");
  Json live = fixture("gateway_live.json");
  // Someone else's env var (an Update by kubectl edit): not ours to judge.
  gateway_container(live)["env"].push_back({{"name", "HTTP_PROXY"}, {"value", "http://p:3128"}});
  CHECK(diff_declared(desired, live).empty());

  // One that ivcapgen applied once and the build no longer has: drift.
  auto& owned_env = live["metadata"]["managedFields"][0]["fieldsV1"]["f:spec"]["f:template"]
                        ["f:spec"]["f:containers"]["k:{\"name\":\"gateway\"}"]["f:env"];
  owned_env["k:{\"name\":\"HTTP_PROXY\"}"] = {{".", Json::object()}, {"f:name", Json::object()}};
  const auto diff = diff_declared(desired, live);
  REQUIRE(diff.size() == 1);
  CHECK(diff[0].path == "spec.template.spec.containers[name=gateway].env[name=HTTP_PROXY]");
  CHECK_FALSE(diff[0].after.has_value());

  // Without managedFields of ours every undeclared item counts (the
  // injected sidecar container and the extra env var).
  live["metadata"]["managedFields"] = Json::array();
  INFO(paths(diff_declared(desired, live)));
  CHECK(diff_declared(desired, live).size() == 2);
}

TEST_CASE("atomic lists keep their order but keyed lists do not", "[drift][compare]") {
  const Json desired = Json::parse(R"({"spec": {
    "args": ["--a", "--b"],
    "tolerations": [{"key": "a", "operator": "Exists"}, {"key": "b", "operator": "Exists"}],
    "containers": [{"name": "x", "image": "i"}, {"name": "y", "image": "j"}]}})");
  Json live = desired;
  std::swap(live["spec"]["containers"][0], live["spec"]["containers"][1]);
  CHECK(diff_declared(desired, live).empty());

  live = desired;
  std::swap(live["spec"]["tolerations"][0], live["spec"]["tolerations"][1]);
  const auto tolerations = diff_declared(desired, live);
  CHECK(paths(tolerations) == "spec.tolerations[0].key\nspec.tolerations[1].key\n");

  live = desired;
  std::swap(live["spec"]["args"][0], live["spec"]["args"][1]);
  CHECK(paths(diff_declared(desired, live)) == "spec.args\n");
}

TEST_CASE("ports are keyed by containerPort in a container and by port in a Service",
          "[drift][compare]") {
  const Json desired = Json::parse(R"({"spec": {"ports": [
    {"name": "http", "port": 80, "targetPort": 8080}, {"name": "grpc", "port": 9000, "targetPort": "grpc"}]}})");
  const Json live = Json::parse(R"({"spec": {"ports": [
    {"name": "grpc", "port": 9000, "protocol": "TCP", "targetPort": "grpc"},
    {"name": "http", "port": 80, "protocol": "TCP", "targetPort": "8080"}]}})");
  CHECK(diff_declared(desired, live).empty());
  CHECK(list_merge_key("ports", desired["spec"]["ports"]) == std::string("port"));
  CHECK(list_merge_key("ports", Json::parse(R"([{"containerPort": 1}])")) ==
        std::string("containerPort"));
  CHECK(list_merge_key("tolerations", Json::array()) == nullptr);
}

TEST_CASE("drift.ignore rules parse and select by kind and name glob", "[drift][ignore]") {
  std::string error;
  auto rule = model::parse_drift_ignore_rule("Deployment/svc-*:/spec/replicas", error);
  REQUIRE(rule);
  CHECK(rule->kind == "Deployment");
  CHECK(rule->name_glob == "svc-*");
  CHECK(rule->pointer == "/spec/replicas");
  CHECK(rule->selects("Deployment", "svc-text-stats"));
  CHECK_FALSE(rule->selects("Deployment", "gateway"));
  CHECK_FALSE(rule->selects("StatefulSet", "svc-text-stats"));

  for (const char* bad : {"nonsense", "Deployment:/spec/replicas", "deployment/*:/spec/replicas",
                          "Deployment/*:spec/replicas", "Deployment/*:/", "Deployment/*:/a~2b",
                          "Deployment/*:/a//b", "Deployment/Gateway:/spec"}) {
    INFO(bad);
    CHECK_FALSE(model::parse_drift_ignore_rule(bad, error));
    CHECK(error.find("is not Kind/name-glob:/pointer") == 0);
  }
  CHECK(model::parse_drift_ignore_rule("HorizontalPodAutoscaler/*:/status", error));
  CHECK(model::parse_drift_ignore_rule("ConfigMap/c:/metadata/annotations/a~1b", error));
}

TEST_CASE("drift.ignore removes the named field of the selected objects only", "[drift][ignore]") {
  const auto rules = model::parse_drift_ignore_rules(
      {"Deployment/*:/spec/replicas", "Deployment/gateway:/spec/template/spec/containers/0/image",
       "Deployment/*:/spec/not/there", "Deployment/*:/spec/replicas/0"});
  const Json desired = fixture("gateway_desired.json");
  Json live = fixture("gateway_live.json");
  live["spec"]["replicas"] = 7;  // an autoscaler scaled it
  CHECK(paths(diff_declared(desired, live)) == "spec.replicas\n");
  const Json kept = without_ignored_fields(desired, "Deployment", "gateway", rules);
  CHECK_FALSE(kept["spec"].contains("replicas"));
  CHECK(kept["spec"]["template"]["spec"]["containers"][0].contains("name"));
  CHECK_FALSE(kept["spec"]["template"]["spec"]["containers"][0].contains("image"));
  CHECK(diff_declared(kept, live).empty());
  // Another kind keeps everything.
  CHECK(without_ignored_fields(desired, "StatefulSet", "gateway", rules) == desired);
}
