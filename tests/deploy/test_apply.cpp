// A full `apply` of environments/aws-prod against scripted tools and a real
// HTTP gateway on loopback: the exact command sequence (terraform → aws →
// kubectl → helm → kubectl → registration), the plan shown before it, the
// state it leaves; then a failure injected at each wave; the lock, stale
// plans and --dry-run.
#include <catch2/catch.hpp>

#include <fstream>

#include "deploy/deploy_commands.h"
#include "deploy/plan_json.h"
#include "deploy/state_lock.h"
#include "deploy_fixture.h"

using namespace ivcapgen;
using namespace ivcapgen::testing;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

size_t recorded_with_prefix(const deploy::State& s, const std::string& prefix) {
  size_t n = 0;
  for (const auto& [key, _] : s.inventory) n += key.rfind(prefix, 0) == 0;
  return n;
}

}  // namespace

TEST_CASE("apply aws-prod: the exact command sequence, the plan, registration and state",
          "[deploy][apply]") {
  AwsProd env;
  FakeGateway gateway;
  tools::ScriptedRunner runner(env.full_apply());
  CapturedIo io;
  auto request = env.request();
  request.options.gateway_url = gateway.url();
  request.options.token = "s3cr3t-token";
  io.io.verbose = true;

  const int code = deploy::apply_environment(*env.built.model, request, io.io, runner);
  INFO(io.err.str());
  CHECK(runner.verify() == "");
  REQUIRE(code == 0);

  // The plan shown before applying: terraform changes with secrets masked.
  const std::string err = io.err.str();
  CHECK(contains(err, "wave 0 · infrastructure (terraform)"));
  CHECK(contains(err, "± module.cluster.aws_eks_node_group.this[\"workers\"]"));
  CHECK(contains(err, "~ password: \"(sensitive)\" → \"(sensitive)\""));
  CHECK_FALSE(contains(err, "secret-pw"));
  CHECK_FALSE(contains(err, "hunter2"));
  CHECK_FALSE(contains(err, "s3cr3t-token"));
  CHECK(contains(err, "Apply complete: 7 waves"));
  CHECK(contains(err, "wave 4 runtime: done in"));

  // Registration: one PUT per catalog document, with the token, body as built.
  const auto requests = gateway.requests();
  REQUIRE(requests.size() == env.desired.services.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    CHECK(requests[i].method == "PUT");
    CHECK(requests[i].path == "/1/services/" + env.desired.services[i].id);
    CHECK(requests[i].body == env.desired.services[i].document);
    CHECK(requests[i].authorization == "Bearer s3cr3t-token");
  }

  // The state: everything applied, outputs without sensitive values.
  const deploy::State s = env.state();
  CHECK(s.serial > 10);
  CHECK(s.last_apply["result"] == "succeeded");
  CHECK(recorded_with_prefix(s, "k8s/") == env.desired.objects.size());
  CHECK(recorded_with_prefix(s, "helm/") == env.desired.releases.size());
  CHECK(recorded_with_prefix(s, "service/") == env.desired.services.size());
  CHECK(s.inventory.count("terraform/module.cluster.aws_eks_cluster.this") == 1);
  CHECK(s.inventory.count("terraform/module.storage.aws_s3_bucket.legacy") == 0);
  CHECK(s.outputs["cluster_name"] == "ivcap-aws-prod");
  CHECK_FALSE(s.outputs.contains("database_password_hint"));
  CHECK_FALSE(contains(deploy::to_json(s).dump(), "hunter2"));
  for (const auto& o : env.desired.objects) {
    auto it = s.inventory.find(o.key());
    REQUIRE(it != s.inventory.end());
    CHECK(it->second.hash == o.hash);
    CHECK(it->second.wave == o.wave);
  }
}

namespace {

struct Injection {
  int wave;
  std::string expected_message;
};

// The calls of a first apply up to and including `failing`, whose reply is
// replaced, followed by the evidence the gate gathers.
std::vector<ExpectedCall> until(std::vector<ExpectedCall> calls, size_t failing,
                                CommandResult reply, std::vector<ExpectedCall> evidence = {}) {
  calls.resize(failing + 1);
  calls[failing].reply = std::move(reply);
  calls.insert(calls.end(), evidence.begin(), evidence.end());
  return calls;
}

size_t index_of(const std::vector<ExpectedCall>& calls, const std::string& a,
                const std::string& b) {
  for (size_t i = 0; i < calls.size(); ++i) {
    const auto& argv = calls[i].argv;
    if (std::find(argv.begin(), argv.end(), a) != argv.end() &&
        std::find(argv.begin(), argv.end(), b) != argv.end()) {
      return i;
    }
  }
  FAIL("no call with " << a << " and " << b);
  return 0;
}

}  // namespace

TEST_CASE("apply aws-prod: a failure at each wave explains itself and keeps what was applied",
          "[deploy][apply][failure]") {
  AwsProd env;
  FakeGateway gateway;
  const auto full = env.full_apply();
  std::vector<ExpectedCall> script;
  int wave = -1;
  std::vector<std::string> expected;

  SECTION("wave 0: terraform apply fails") {
    wave = 0;
    script = until(full, index_of(full, "apply", env.plan_file()),
                   tools::exited(1, read_file(deploy_fixtures() / "terraform/apply_error.jsonl")));
    expected = {"wave 0 (infrastructure) failed: terraform apply failed: exited with status 1",
                "modules/cluster/main.tf:40:1: error: creating EKS Cluster", "--from-wave 0"};
  }
  SECTION("wave 1: the kubeconfig cannot be written") {
    wave = 1;
    script = until(full, index_of(full, "update-kubeconfig", "--alias"),
                   tools::exited(254, "",
                                 "An error occurred (AccessDeniedException) when calling "
                                 "the DescribeCluster operation\n"));
    expected = {"wave 1 (cluster access) failed: aws eks update-kubeconfig failed",
                "AccessDeniedException", "--from-wave 1"};
  }
  SECTION("wave 2: kubectl apply is forbidden") {
    wave = 2;
    script =
        until(full, index_of(full, "apply", (env.build_dir / "k8s/00-namespaces.yaml").string()),
              tools::exited(1, "", "Error from server (Forbidden): namespaces is forbidden\n"));
    expected = {"wave 2 (namespaces) failed: kubectl apply failed: exited with status 1",
                "namespaces is forbidden", "--from-wave 2"};
  }
  SECTION("wave 3: a Helm release times out; its pods say why") {
    wave = 3;
    const auto& r = env.desired.releases.front();
    const std::string pod = r.name + "-7d9c-x1";
    const std::string pods = AwsProd::list_of({Json::parse(
        R"({"kind": "Pod", "metadata": {"name": ")" + pod + R"("}, "status": {"phase": "Pending",
      "conditions": [{"type": "PodScheduled", "status": "False", "message": "0/3 nodes are available: 3 Insufficient cpu."}]}})")});
    const std::string events = AwsProd::list_of({Json::parse(
        R"({"type": "Warning", "reason": "FailedScheduling", "message": "0/3 nodes are available",
            "involvedObject": {"kind": "Pod", "name": ")" +
        pod + R"("}, "count": 4,
            "lastTimestamp": "2026-01-01T00:00:00Z"})")});
    script = until(full, index_of(full, "upgrade", r.name), tools::timed_out(),
                   {env.call(env.kubectl({"get", "events", "-n", r.ns, "--field-selector",
                                          "involvedObject.name=" + r.name, "-o", "json"}),
                             tools::exited(0, AwsProd::list_of({}))),
                    env.call(env.kubectl({"get", "pod", "-n", r.ns, "-l",
                                          "app.kubernetes.io/instance=" + r.name, "-o", "json"}),
                             tools::exited(0, pods)),
                    env.call(env.kubectl({"get", "events", "-n", r.ns, "--field-selector",
                                          "involvedObject.name=" + pod, "-o", "json"}),
                             tools::exited(0, events))});
    expected = {
        "wave 3 (components) failed: release " + r.ns + "/" + r.name,
        "pod " + pod + ": Pending; not scheduled: 0/3 nodes are available: 3 Insufficient cpu.",
        "event: Warning FailedScheduling pod/" + pod + ": 0/3 nodes are available (x4)",
        "--from-wave 3"};
  }
  SECTION("wave 4: a rollout never becomes ready") {
    wave = 4;
    const deploy::DesiredObject* workload = nullptr;
    for (const auto* o : env.desired.objects_in_wave(4)) {
      if (o->kind == "Deployment" && !workload) workload = o;
    }
    REQUIRE(workload != nullptr);
    const std::string pod = workload->name + "-5f6b-abcde";
    const std::string pods =
        AwsProd::list_of({Json::parse(R"({"kind": "Pod", "metadata": {"name": ")" + pod +
                                      R"("}, "status": {"phase": "Pending",
      "conditions": [{"type": "Ready", "status": "False"}],
      "containerStatuses": [{"name": "main", "ready": false, "state": {"waiting": {"reason": "ImagePullBackOff", "message": "Back-off pulling image"}}}]}})")});
    script =
        until(full, index_of(full, "status", "deployment/" + workload->name),
              tools::exited(1, "", "error: timed out waiting for the condition\n"),
              {env.call(env.kubectl({"get", "events", "-n", workload->ns, "--field-selector",
                                     "involvedObject.name=" + workload->name, "-o", "json"}),
                        tools::exited(0, AwsProd::list_of({}))),
               env.call(env.kubectl({"get", "pod", "-n", workload->ns, "-l",
                                     deploy::workload_selector(workload->object), "-o", "json"}),
                        tools::exited(0, pods)),
               env.call(env.kubectl({"get", "events", "-n", workload->ns, "--field-selector",
                                     "involvedObject.name=" + pod, "-o", "json"}),
                        tools::exited(0, AwsProd::list_of({})))});
    expected = {"wave 4 (runtime) failed: Deployment " + workload->ns + "/" + workload->name +
                    " did not become ready",
                "condition: the rollout did not finish within 300 s",
                "container main waiting: ImagePullBackOff (Back-off pulling image)",
                "--from-wave 4"};
  }
  SECTION("wave 6: the gateway refuses a registration") {
    wave = 6;
    script = full;
    gateway.fail_on(env.desired.services.back().id);
    expected = {"wave 6 (registration) failed: service " + env.desired.services.back().name +
                    " was not registered",
                "HTTP 500", "database is read-only", "--from-wave 6"};
  }

  tools::ScriptedRunner runner(script);
  CapturedIo io;
  auto request = env.request();
  request.options.gateway_url = gateway.url();
  const int code = deploy::apply_environment(*env.built.model, request, io.io, runner);
  const std::string err = io.err.str();
  INFO(err);
  CHECK(code == 1);
  CHECK(runner.verify() == "");
  for (const auto& e : expected) CHECK(contains(err, e));

  // The state says what was applied before the failure, and that it failed.
  const deploy::State s = env.state();
  CHECK(s.last_apply["result"] == "failed");
  CHECK(s.last_apply["failedWave"] == wave);
  const size_t k8s_before = [&] {
    size_t n = 0;
    for (const auto& o : env.desired.objects) n += o.wave < wave;
    return n;
  }();
  if (wave <= 2) CHECK(recorded_with_prefix(s, "k8s/") == 0);
  if (wave > 2) CHECK(recorded_with_prefix(s, "k8s/") >= k8s_before);
  CHECK(recorded_with_prefix(s, "helm/") == (wave > 3 ? env.desired.releases.size() : 0));
  if (wave == 4)
    CHECK(recorded_with_prefix(s, "k8s/") == k8s_before + env.desired.objects_in_wave(4).size());
  if (wave == 6) {
    CHECK(recorded_with_prefix(s, "service/") == env.desired.services.size() - 1);
  } else {
    CHECK(recorded_with_prefix(s, "service/") == 0);
  }
  CHECK(s.inventory.count("terraform/module.cluster.aws_eks_cluster.this") == (wave > 0 ? 1u : 0u));
}

TEST_CASE("apply: a second apply on the same environment fails fast naming the holder",
          "[deploy][apply][lock]") {
  AwsProd env;
  deploy::StateLock::Failure failure;
  auto held = deploy::StateLock::acquire(env.state_dir, "apply", failure);
  REQUIRE(held.has_value());
  tools::ScriptedRunner runner({});
  CapturedIo io;
  auto request = env.request();
  request.force_unlock = true;  // never overrides a live holder
  CHECK(deploy::apply_environment(*env.built.model, request, io.io, runner) == 1);
  CHECK(contains(io.err.str(), "state is locked by pid " + std::to_string(::getpid())));
  CHECK(contains(io.err.str(), "(apply)"));
  CHECK(runner.calls().empty());
}

TEST_CASE("apply: without --yes and without a terminal it refuses", "[deploy][apply]") {
  AwsProd env;
  tools::ScriptedRunner runner(env.terraform_plan());
  CapturedIo io;
  auto request = env.request();
  request.yes = false;
  CHECK(deploy::apply_environment(*env.built.model, request, io.io, runner) == 1);
  CHECK(contains(io.err.str(), "refusing to apply without confirmation"));
  CHECK(runner.verify() == "");  // planned, applied nothing
}

TEST_CASE("apply --plan: a stale plan is refused", "[deploy][apply][plan]") {
  AwsProd env;
  // The plan, saved as `ivcapgen plan --format json -o plan.json` would.
  {
    tools::ScriptedRunner runner(env.terraform_plan());
    CapturedIo io;
    auto request = env.request();
    request.format = "json";
    request.output_file = env.tmp / "plan.json";
    CHECK(deploy::plan_environment(*env.built.model, request, io.io, runner) == 2);
    CHECK(runner.verify() == "");
  }
  Json saved = Json::parse(read_file(env.tmp / "plan.json"));
  CHECK(saved["formatVersion"] == 1);
  CHECK(saved["serial"] == 1);  // the state was created by the plan

  SECTION("made against an older serial") {
    saved["serial"] = -1;
  }
  SECTION("made against another state") {
    saved["lineage"] = "00000000-0000-4000-8000-000000000000";
  }
  SECTION("made from another build") {
    saved["manifestSha256"] = "0000";
  }
  SECTION("the live system changed: an action differs") {
    saved["waves"][0]["changes"][0]["action"] = "noop";
  }
  write_file(env.tmp / "plan.json", saved.dump());
  tools::ScriptedRunner runner(env.terraform_plan());
  CapturedIo io;
  auto request = env.request();
  request.plan_file = env.tmp / "plan.json";
  CHECK(deploy::apply_environment(*env.built.model, request, io.io, runner) == 1);
  CHECK(contains(io.err.str(), "refusing the stale plan"));
  CHECK(runner.verify() == "");
  CHECK(env.state().inventory.empty());
}

TEST_CASE("apply --dry-run runs nothing and sends nothing", "[deploy][apply][dry-run]") {
  AwsProd env;
  FakeGateway gateway;
  tools::ScriptedRunner runner({});
  CapturedIo io;
  auto request = env.request();
  request.yes = false;  // a dry run needs no confirmation
  request.options.dry_run = true;
  request.options.gateway_url = gateway.url();
  request.options.token = "s3cr3t-token";
  std::ostringstream requests;
  request.cloud.dry_run_log = &requests;
  CHECK(deploy::apply_environment(*env.built.model, request, io.io, runner) == 0);
  CHECK(runner.calls().empty());
  CHECK(gateway.requests().empty());
  const std::string err = io.err.str();
  INFO(err);
  CHECK(contains(err, "terraform apply"));
  CHECK(contains(err, "aws eks update-kubeconfig"));
  CHECK(contains(err, "helm upgrade --install"));
  CHECK(contains(err, "rollout status"));
  CHECK(contains(err, "Dry run: nothing was changed."));
  CHECK(contains(requests.str(), "would send PUT " + gateway.url() + "/1/services/"));
  CHECK_FALSE(fs::exists(env.state_dir / "state.json"));
}
