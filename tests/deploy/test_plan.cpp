// `plan` of environments/aws-prod against a reachable cluster: live objects
// fetched in one call per namespace and compared over the fields ivcapgen
// sets, Helm releases by version and values, registrations from the state;
// the Markdown and JSON renderings are golden files (tests/golden/plan/,
// regenerated with IVCAPGEN_UPDATE_GOLDEN=1).
#include <catch2/catch.hpp>

#include <regex>

#include <cstdlib>
#include <map>
#include <set>

#include "deploy/plan_json.h"
#include "deploy/plan_render.h"
#include "deploy_fixture.h"

using namespace ivcapgen;
using namespace ivcapgen::testing;

namespace {

constexpr const char* kLineage = "5e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

void check_golden(const fs::path& file, std::string actual) {
  // The scratch directory of the run (its kubeconfig) differs every time.
  actual = std::regex_replace(actual, std::regex(R"(/[^ "]*ivcapgen-test-[0-9]+)"), "$$TMP");
  const fs::path golden = source_dir() / "tests" / "golden" / "plan" / file;
  const char* update = std::getenv("IVCAPGEN_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    fs::create_directories(golden.parent_path());
    write_file(golden, actual);
    return;
  }
  REQUIRE(fs::exists(golden));
  const std::string expected = read_file(golden);
  INFO("golden file " << golden.string() << " differs; regenerate with IVCAPGEN_UPDATE_GOLDEN=1 "
                      << "and review the diff");
  CHECK(actual == expected);
}

// A live system that is the build, except for a few differences a reviewer
// must see: a new image on one Deployment, a hand-added env var, a missing
// WorkflowTemplate, an object we made that the build no longer has.
struct LiveScenario {
  const AwsProd& env;
  std::string changed_deployment, missing_object, kubeconfig;

  explicit LiveScenario(const AwsProd& e) : env(e) {
    kubeconfig = fs::absolute(env.tmp / "kubeconfig").lexically_normal().string();
    for (const auto& o : env.desired.objects) {
      if (o.kind == "Deployment" && o.wave == 4 && changed_deployment.empty()) {
        changed_deployment = o.key();
      }
      if (o.wave == 5 && o.kind == "WorkflowTemplate" && missing_object.empty()) {
        missing_object = o.key();
      }
    }
  }

  // An object this environment made that the build no longer declares: a
  // copy of a runtime object under another name.
  const deploy::DesiredObject& legacy_source() const {
    for (const auto* o : env.desired.objects_in_wave(4)) {
      if (!o->ns.empty()) return *o;
    }
    throw std::logic_error("no namespaced runtime object");
  }
  std::string legacy_namespace() const { return legacy_source().ns; }
  Json legacy_object() const {
    Json j = live_object(legacy_source());
    j["metadata"]["name"] = legacy_source().name + "-legacy";
    return j;
  }
  std::string legacy_address() const {
    return legacy_source().kind + " " + legacy_source().ns + "/" + legacy_source().name + "-legacy";
  }

  Json live_object(const deploy::DesiredObject& o) const {
    Json j = o.object;
    j["metadata"]["uid"] = "uid-" + o.name;
    j["metadata"]["resourceVersion"] = "4711";
    j["metadata"]["managedFields"] = Json::array();
    j["status"] = {{"observedGeneration", 3}};
    if (o.key() == changed_deployment) {
      auto& c = j["spec"]["template"]["spec"]["containers"][0];
      std::string image = c["image"];
      c["image"] = image.substr(0, image.rfind(':')) + ":1.4.1";
      c["env"].push_back({{"name", "DEBUG"}, {"value", "1"}});
      c["terminationMessagePath"] = "/dev/termination-log";
    }
    return j;
  }

  std::vector<std::string> kubectl(std::vector<std::string> args) const {
    args.insert(args.begin(), {env.tool("kubectl"), "--kubeconfig=" + kubeconfig});
    return args;
  }

  std::vector<ExpectedCall> calls() const {
    std::vector<ExpectedCall> calls = env.terraform_plan();
    std::map<std::string, std::set<std::string>> resources;
    for (const auto& o : env.desired.objects) {
      resources[o.ns].insert(deploy::kubectl_resource(o.api_version, o.kind));
    }
    for (const auto& [ns, kinds] : resources) {
      std::vector<Json> items;
      for (const auto& o : env.desired.objects) {
        if (o.ns == ns && o.key() != missing_object) items.push_back(live_object(o));
      }
      if (ns == legacy_namespace()) items.push_back(legacy_object());
      std::string list;
      for (const auto& k : kinds) list += (list.empty() ? "" : ",") + k;
      std::vector<std::string> args = {"get", list};
      if (!ns.empty()) args.insert(args.end(), {"-n", ns});
      args.insert(args.end(), {"-l", env.selector, "-o", "json"});
      calls.push_back(env.call(kubectl(args), tools::exited(0, AwsProd::list_of(items))));
    }
    const std::string helm = env.tool("helm");
    for (size_t i = 0; i < env.desired.releases.size(); ++i) {
      const auto& r = env.desired.releases[i];
      auto release = Json::parse(AwsProd::helm_release(r, "deployed"));
      Json values = r.values;
      if (i == 0) {
        release["chart"]["metadata"]["version"] = "0.0.1-old";
        values["replicaCount"] = 7;
        values["auth"] = {{"adminPassword", "do-not-show-me"}};
      }
      calls.push_back(
          env.call({helm, "--kubeconfig=" + kubeconfig, "status", r.name, "-n", r.ns, "-o", "json"},
                   tools::exited(0, release.dump())));
      calls.push_back(env.call(
          {helm, "--kubeconfig=" + kubeconfig, "get", "values", r.name, "-n", r.ns, "-o", "json"},
          tools::exited(0, values.dump())));
    }
    calls.push_back(env.call({helm, "--kubeconfig=" + kubeconfig, "status", "old-exporter", "-n",
                              "monitoring", "-o", "json"},
                             tools::exited(0, R"({"name": "old-exporter", "namespace": "monitoring",
                               "version": 2, "info": {"status": "deployed"},
                               "chart": {"metadata": {"name": "prometheus-node-exporter", "version": "4.0.0"}}})")));
    return calls;
  }

  // A state made by an earlier apply: one registration out of date, one of a
  // service since removed, a release since disabled.
  void write_state() const {
    deploy::State s;
    s.serial = 7;
    s.lineage = kLineage;
    s.environment = "aws-prod";
    const auto& first = env.desired.services.front();
    deploy::InventoryEntry old;
    old.hash = "sha-of-an-older-document";
    old.wave = 6;
    Json doc = Json::parse(first.document);
    doc["description"] = "An older description of this service, from the previous release.";
    old.details = {{"name", first.name}, {"document", doc}};
    s.inventory["service/" + first.id] = old;
    deploy::InventoryEntry retired;
    retired.hash = "x";
    retired.wave = 6;
    retired.details = {{"name", "retired-service"}};
    s.inventory["service/urn:ivcap:service:00000000-0000-5000-8000-000000000001"] = retired;
    deploy::InventoryEntry exporter;
    exporter.hash = "y";
    exporter.wave = 3;
    s.inventory["helm/monitoring/old-exporter"] = exporter;
    std::string error;
    fs::create_directories(env.state_dir);
    REQUIRE(deploy::write_file_atomically(env.state_dir / "state.json", deploy::to_json(s).dump(2),
                                          error));
  }
};

// The manifest digest changes with every emitter change; the goldens are
// about the plan.
std::string stable(std::string text, const std::string& manifest_sha) {
  for (const std::string& s : {manifest_sha, manifest_sha.substr(0, 12)}) {
    for (size_t at; (at = text.find(s)) != std::string::npos;)
      text.replace(at, s.size(), "MANIFEST");
  }
  return text;
}

std::string plan_as(const std::string& format, AwsProd& env, LiveScenario& live, int& code) {
  tools::ScriptedRunner runner(live.calls());
  CapturedIo io;
  auto request = env.request();
  request.options.kubeconfig = live.kubeconfig;
  request.format = format;
  code = deploy::plan_environment(*env.built.model, request, io.io, runner);
  INFO(io.err.str());
  CHECK(runner.verify() == "");
  return io.out.str();
}

}  // namespace

TEST_CASE("plan aws-prod: one unified plan over all layers, JSON golden",
          "[deploy][plan][golden]") {
  AwsProd env;
  LiveScenario live(env);
  REQUIRE_FALSE(live.changed_deployment.empty());
  live.write_state();
  int code = -1;
  const std::string text = plan_as("json", env, live, code);
  CHECK(code == 2);
  const Json plan = Json::parse(text);
  CHECK(plan["formatVersion"] == 1);
  CHECK(plan["environment"] == "aws-prod");
  CHECK(plan["serial"] == 7);
  CHECK(plan["lineage"] == kLineage);
  CHECK_FALSE(contains(text, "do-not-show-me"));
  CHECK_FALSE(contains(text, "secret-pw"));

  std::map<std::string, std::string> actions;
  for (const auto& w : plan["waves"]) {
    for (const auto& c : w["changes"]) actions[c["address"]] = c["action"];
  }
  auto key_address = [](const std::string& key) {
    auto k = deploy::parse_kube_key(key);
    return k->kind + " " + (k->ns.empty() ? k->name : k->ns + "/" + k->name);
  };
  CHECK(actions[key_address(live.changed_deployment)] == "update");
  CHECK(actions[key_address(live.missing_object)] == "create");
  CHECK(actions[live.legacy_address()] == "delete");
  CHECK(actions["release monitoring/old-exporter"] == "delete");
  CHECK(actions["release " + env.desired.releases[0].ns + "/" + env.desired.releases[0].name] ==
        "update");
  CHECK(actions["service " + env.desired.services[0].name] == "update");
  CHECK(actions["service retired-service"] == "delete");
  CHECK(actions["module.cluster.aws_eks_cluster.this"] == "create");
  CHECK(plan["summary"]["noop"].get<int>() > 0);

  check_golden("aws-prod.json", stable(text, env.desired.manifest_sha256));
  // It reads back as the same plan.
  auto again = deploy::plan_from_json(plan);
  REQUIRE(again.ok());
  CHECK(deploy::plan_to_json(*again) == plan);
}

TEST_CASE("plan aws-prod: Markdown for a PR comment, golden", "[deploy][plan][golden]") {
  AwsProd env;
  LiveScenario live(env);
  live.write_state();
  int code = -1;
  const std::string md = plan_as("markdown", env, live, code);
  CHECK(code == 2);
  CHECK(contains(md, "## ivcapgen plan: `aws-prod`"));
  CHECK(contains(md, "| Wave | Stage | Layer | Create | Update | Replace | Delete | Unchanged |"));
  CHECK(contains(md, "<details>"));
  CHECK(contains(md, "```diff"));
  CHECK(contains(md, "(sensitive)"));
  CHECK_FALSE(contains(md, "do-not-show-me"));
  check_golden("aws-prod.md", stable(md, env.desired.manifest_sha256));
}

TEST_CASE("plan: no changes exits 0", "[deploy][plan]") {
  deploy::Plan p;
  p.environment = "x";
  deploy::WavePlan w{
      4, "runtime", "k8s", {{"Deployment a/b", deploy::Action::NoOp, {}, "", "", "", ""}}, {}};
  p.waves.push_back(w);
  CHECK_FALSE(p.has_changes());
  CHECK(contains(deploy::render_plan_text(p), "No changes"));
  CHECK(contains(deploy::render_plan_markdown(p), "**No changes.**"));
}
