// `reconcile` of environments/aws-prod: after the drift calls it issues
// exactly the commands that bring back what drifted — one server-side apply
// per wave with only the drifted objects on stdin, a labelled delete per
// pruned object, a helm upgrade per drifted release, terraform plan + apply
// only with --infrastructure — then checks again; every change is a line of
// .ivcapgen/<env>/history.jsonl.
#include <catch2/catch.hpp>

#include "deploy/history.h"
#include "drift/drift_fixture.h"

using namespace ivcapgen;
using namespace ivcapgen::testing;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

struct Reconciled {
  int code = -1;
  std::string err, unmatched;
  std::vector<Json> history;
};

Reconciled reconcile(DriftWorld& world, std::vector<ExpectedCall> calls,
                     const deploy::DriftRequest& request) {
  tools::ScriptedRunner runner(std::move(calls));
  CapturedIo io;
  Reconciled r;
  r.code = deploy::reconcile_environment(*world.env.built.model, request, io.io, runner);
  r.err = io.err.str();
  r.unmatched = runner.verify();
  const fs::path history = world.env.state_dir / "history.jsonl";
  if (fs::exists(history)) {
    std::istringstream lines(read_file(history));
    for (std::string line; std::getline(lines, line);) r.history.push_back(Json::parse(line));
  }
  return r;
}

std::vector<ExpectedCall> joined(std::initializer_list<std::vector<ExpectedCall>> parts) {
  std::vector<ExpectedCall> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// The drift calls of the live system after reconcile: as declared.
std::vector<ExpectedCall> clean_drift_calls(DriftWorld& world) {
  DriftWorld::Saved saved = world.save();
  world.reset();
  auto calls = world.drift_calls();
  world.restore(std::move(saved));
  return calls;
}

ExpectedCall server_side_apply(const DriftWorld& world,
                               const std::vector<const deploy::DesiredObject*>& objects,
                               bool force = false) {
  std::vector<std::string> args = {"apply", "--server-side", "--field-manager=ivcapgen"};
  if (force) args.push_back("--force-conflicts");
  args.insert(args.end(), {"-f", "-"});
  Json items = Json::array();
  for (const auto* o : objects) items.push_back(o->object);
  ExpectedCall call = world.env.call(world.env.kubectl(args),
                                     tools::exited(0, "deployment.apps/x serverside-applied\n"));
  call.stdin_data = Json{{"apiVersion", "v1"}, {"kind", "List"}, {"items", items}}.dump();
  return call;
}

}  // namespace

TEST_CASE("reconcile re-applies only the drifted object, through stdin, and records it",
          "[drift][reconcile]") {
  DriftWorld drifted;
  const auto& deployment = drifted.first("Deployment", 4);
  drifted.live(deployment)["spec"]["template"]["spec"]["containers"][0]["image"] = "evil:latest";
  // As drift hashes it: parsed from kubectl's output (keys sorted).
  const std::string live_hash =
      deploy::json_hash(Json(nlohmann::json::parse(drifted.live(deployment).dump())));

  auto calls = joined({drifted.drift_calls(),
                       {server_side_apply(drifted, {&deployment})},
                       clean_drift_calls(drifted)});
  Reconciled r = reconcile(drifted, calls, drifted.request());
  INFO(r.err);
  CHECK(r.unmatched == "");
  CHECK(r.code == 0);
  CHECK(contains(r.err,
                 "Reconciled 1 drifted object (" + deployment.address() + "); no drift remains."));
  REQUIRE(r.history.size() == 1);
  CHECK(r.history[0]["object"] == deployment.address());
  CHECK(r.history[0]["action"] == "update");
  CHECK(r.history[0]["wave"] == 4);
  CHECK(r.history[0]["before"] == live_hash);
  CHECK(r.history[0]["after"] == deployment.hash);
  CHECK(r.history[0]["time"] == "2026-11-30T00:53:20Z");
  CHECK(drifted.env.state().inventory.at(deployment.key()).hash == deployment.hash);
}

TEST_CASE("reconcile --force-conflicts takes fields back from other managers",
          "[drift][reconcile]") {
  DriftWorld drifted;
  const auto& deployment = drifted.first("Deployment", 4);
  drifted.live(deployment)["spec"]["template"]["spec"]["containers"][0]["image"] = "evil:latest";
  auto request = drifted.request();
  request.force_conflicts = true;
  Reconciled r = reconcile(drifted,
                           joined({drifted.drift_calls(),
                                   {server_side_apply(drifted, {&deployment}, true)},
                                   clean_drift_calls(drifted)}),
                           request);
  INFO(r.err);
  CHECK(r.unmatched == "");
  CHECK(r.code == 0);
}

TEST_CASE("a missing object is re-created and a conflict without --force-conflicts says so",
          "[drift][reconcile]") {
  DriftWorld drifted;
  const auto& config = drifted.first("ConfigMap");
  drifted.remove(config);
  ExpectedCall apply = server_side_apply(drifted, {&config});
  apply.reply = tools::exited(
      1, "", "error: Apply failed with 1 conflict: conflict with \"kubectl-edit\": .data.x\n");
  Reconciled r = reconcile(drifted, joined({drifted.drift_calls(), {apply}}), drifted.request());
  INFO(r.err);
  CHECK(r.unmatched == "");
  CHECK(r.code == 1);
  CHECK(contains(r.err, "--force-conflicts"));
  CHECK(r.history.empty());
}

TEST_CASE("unexpected labelled objects are deleted only with --prune, and only labelled",
          "[drift][reconcile][prune]") {
  DriftWorld drifted;
  const auto& config = drifted.first("ConfigMap");
  drifted.add_unexpected(config, "left-over-by-hand");

  // Without --prune: the drift calls and nothing else.
  Reconciled alone = reconcile(drifted, drifted.drift_calls(), drifted.request());
  INFO(alone.err);
  CHECK(alone.unmatched == "");
  CHECK(alone.code == 0);
  CHECK(contains(alone.err, "Left alone: 1 unexpected object (run reconcile --prune"));
  CHECK(alone.history.empty());

  // With --prune: one delete by name that selects our labels too.
  auto request = drifted.request();
  request.prune = true;
  ExpectedCall del = drifted.env.call(
      drifted.env.kubectl({"delete", "configmap", "-n", config.ns, "-l", drifted.env.selector,
                           "--field-selector", "metadata.name=left-over-by-hand",
                           "--ignore-not-found"}),
      tools::exited(0, "configmap \"left-over-by-hand\" deleted\n"));
  Reconciled pruned = reconcile(
      drifted, joined({drifted.drift_calls(), {del}, clean_drift_calls(drifted)}), request);
  INFO(pruned.err);
  CHECK(pruned.unmatched == "");
  CHECK(pruned.code == 0);
  REQUIRE(pruned.history.size() == 1);
  CHECK(pruned.history[0]["action"] == "delete");
  CHECK(pruned.history[0]["object"] == "ConfigMap " + config.ns + "/left-over-by-hand");
  CHECK(pruned.history[0]["after"].is_null());
  CHECK(pruned.history[0]["before"].is_string());
}

TEST_CASE("a drifted Helm release is upgraded, the others are not touched",
          "[drift][reconcile][helm]") {
  DriftWorld drifted;
  drifted.helm_values[0]["replicaCount"] = 5;
  const auto& release = drifted.env.desired.releases[0];
  ExpectedCall upgrade =
      drifted.env.call(drifted.env.helm_upgrade(release),
                       tools::exited(0, AwsProd::helm_release(release, "deployed")));
  Reconciled r =
      reconcile(drifted, joined({drifted.drift_calls(), {upgrade}, clean_drift_calls(drifted)}),
                drifted.request());
  INFO(r.err);
  CHECK(r.unmatched == "");
  CHECK(r.code == 0);
  REQUIRE(r.history.size() == 1);
  CHECK(r.history[0]["object"] == release.address());
  CHECK(r.history[0]["after"] == release.hash);
}

TEST_CASE("infrastructure drift is reported, and brought back only with --infrastructure",
          "[drift][reconcile][terraform]") {
  DriftWorld drifted;
  drifted.terraform_drifted();

  Reconciled alone = reconcile(drifted, drifted.drift_calls(), drifted.request());
  INFO(alone.err);
  CHECK(alone.unmatched == "");
  CHECK(alone.code == 0);
  CHECK(contains(alone.err,
                 "Left alone: 3 infrastructure changes (run reconcile "
                 "--infrastructure"));

  auto request = drifted.request();
  request.infrastructure = true;
  const auto plan = drifted.env.terraform_plan()[1];    // plan -out=wave0.tfplan
  const auto apply = drifted.env.terraform_apply()[0];  // apply wave0.tfplan
  Reconciled r = reconcile(
      drifted, joined({drifted.drift_calls(), {plan, apply}, clean_drift_calls(drifted)}), request);
  INFO(r.err);
  CHECK(r.unmatched == "");
  CHECK(r.code == 0);
  REQUIRE(r.history.size() == 3);
  CHECK(r.history[0]["object"] == "module.cluster.aws_eks_node_group.gpu");
  CHECK(r.history[0]["wave"] == 0);
  CHECK(r.history[2]["action"] == "create");
  CHECK(r.history[2]["before"].is_null());
}

TEST_CASE("reconcile --watch runs a bounded number of rounds", "[drift][reconcile][watch]") {
  DriftWorld clean;
  auto request = clean.request();
  request.watch = std::chrono::seconds(30);
  request.watch_iterations = 3;
  std::vector<std::chrono::seconds> slept;
  request.sleep = [&](std::chrono::seconds s) { slept.push_back(s); };
  Reconciled r = reconcile(
      clean, joined({clean.drift_calls(), clean.drift_calls(), clean.drift_calls()}), request);
  INFO(r.err);
  CHECK(r.unmatched == "");
  CHECK(r.code == 0);
  CHECK(slept ==
        std::vector<std::chrono::seconds>{std::chrono::seconds(30), std::chrono::seconds(30)});
  CHECK(contains(r.err, "reconcile --watch: round 3"));
}

TEST_CASE("watch intervals and history lines", "[drift][reconcile][watch]") {
  CHECK(deploy::parse_watch_interval("30s") == std::chrono::seconds(30));
  CHECK(deploy::parse_watch_interval("5m") == std::chrono::seconds(300));
  CHECK(deploy::parse_watch_interval("1h30m") == std::chrono::seconds(5400));
  CHECK(deploy::parse_watch_interval("90") == std::chrono::seconds(90));
  CHECK_FALSE(deploy::parse_watch_interval("0"));
  CHECK_FALSE(deploy::parse_watch_interval("soon"));
  CHECK_FALSE(deploy::parse_watch_interval(""));

  deploy::PlannedChange c;
  c.address = "Deployment ivcap-system/gateway";
  c.key = "k8s/apps/v1/Deployment/ivcap-system/gateway";
  c.action = deploy::Action::Update;
  c.live_hash = "aaa";
  c.desired_hash = "bbb";
  const auto entry = deploy::history_entry(
      std::chrono::system_clock::time_point(std::chrono::seconds(0)), "aws-prod", 4, c);
  CHECK(deploy::history_line(entry) ==
        R"({"time":"1970-01-01T00:00:00Z","environment":"aws-prod","wave":4,)"
        R"("object":"Deployment ivcap-system/gateway",)"
        R"("key":"k8s/apps/v1/Deployment/ivcap-system/gateway","action":"update",)"
        R"("before":"aaa","after":"bbb"})");
}
