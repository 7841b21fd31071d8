// kubectl adapter through the scripted runner: exact argv, and parsing of
// recorded `kubectl get -o json` Lists, events and apply/delete output.
#include <catch2/catch.hpp>

#include "support/test_env.h"
#include "tools/kubectl.h"
#include "tools/scripted_runner.h"

using namespace ivcapgen::tools;
using ivcapgen::testing::read_file;
using ivcapgen::testing::source_dir;
using Argv = std::vector<std::string>;

namespace {

std::filesystem::path fixture(const std::string& name) {
  return source_dir() / "tests" / "fixtures" / "tools" / "kubectl" / name;
}

ExpectedCall expect(Argv argv, CommandResult reply) {
  ExpectedCall e;
  e.argv = std::move(argv);
  e.reply = std::move(reply);
  e.origin = "test";
  return e;
}

}  // namespace

TEST_CASE("kubectl: server-side apply of a file and of stdin", "[tools][kubectl]") {
  ScriptedRunner runner({
      expect({"kubectl", "apply", "--server-side", "--field-manager=ivcapgen", "-f",
              "out/k8s/runtime.yaml"},
             exited(0, read_file(fixture("apply_output.txt")))),
      expect({"kubectl", "apply", "--server-side", "--field-manager=ivcapgen", "--force-conflicts",
              "-f", "-"},
             exited(0, "namespace/ivcap-services serverside-applied\n")),
  });
  Kubectl kubectl(runner, KubectlOptions{});
  auto applied = kubectl.apply("out/k8s/runtime.yaml");
  REQUIRE(applied.ok());
  REQUIRE(applied->size() == 6);
  CHECK((*applied)[2] == KubeApplied{"deployment.apps/gateway", "serverside-applied"});
  CHECK((*applied)[5].object == "networkpolicy.networking.k8s.io/default-deny");

  auto from_stdin = kubectl.apply_manifests("apiVersion: v1\nkind: Namespace\n", true);
  REQUIRE(from_stdin.ok());
  CHECK(runner.calls()[1].stdin_data == std::string("apiVersion: v1\nkind: Namespace\n"));
  CHECK(runner.verify() == "");
}

TEST_CASE("kubectl: global flags come first, on every command", "[tools][kubectl]") {
  ScriptedRunner runner({
      expect({"/usr/bin/kubectl", "--kubeconfig=/out/aws-dev/kubeconfig", "--context=aws-dev",
              "diff", "--server-side", "--field-manager=ivcapgen", "-f", "svc.yaml"},
             exited(0)),
  });
  KubectlOptions o;
  o.program = "/usr/bin/kubectl";
  o.kubeconfig = "/out/aws-dev/kubeconfig";
  o.context = "aws-dev";
  Kubectl kubectl(runner, o);
  auto d = kubectl.diff("svc.yaml");
  REQUIRE(d.ok());
  CHECK_FALSE(d->differs);
  CHECK(runner.verify() == "");
}

TEST_CASE("kubectl: an apply conflict is an error with kubectl's explanation", "[tools][kubectl]") {
  ScriptedRunner runner(
      {expect({"kubectl", "apply", "--server-side", "--field-manager=ivcapgen", "-f", "x.yaml"},
              exited(1, "", read_file(fixture("apply_conflict.txt"))))});
  Kubectl kubectl(runner, KubectlOptions{});
  auto applied = kubectl.apply("x.yaml");
  REQUIRE_FALSE(applied.ok());
  CHECK(applied.error().message == "kubectl apply failed: exited with status 1");
  REQUIRE(applied.error().details.size() == 12);
  CHECK(applied.error().details[0] ==
        "error: Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using "
        "apps/v1: .spec.replicas");
}

TEST_CASE("kubectl: diff exit 1 means differences, exit 2 is an error", "[tools][kubectl]") {
  const Argv argv = {"kubectl", "diff",        "--server-side", "--field-manager=ivcapgen",
                     "-f",      "gateway.yaml"};
  ScriptedRunner runner({
      expect(argv, exited(1, read_file(fixture("diff_output.txt")))),
      expect(argv, exited(2, "", "error: the server could not find the requested resource\n")),
  });
  Kubectl kubectl(runner, KubectlOptions{});
  auto d = kubectl.diff("gateway.yaml");
  REQUIRE(d.ok());
  CHECK(d->differs);
  CHECK(d->diff.find("+  replicas: 3") != std::string::npos);
  auto failed = kubectl.diff("gateway.yaml");
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().message == "kubectl diff failed: exited with status 2");
  CHECK(failed.error().details ==
        std::vector<std::string>{"error: the server could not find the requested resource"});
}

TEST_CASE("kubectl: batched get of several kinds, items sorted", "[tools][kubectl]") {
  ScriptedRunner runner({
      expect({"kubectl", "get", "deployments,services", "-n", "ivcap-runtime", "-l",
              "app.kubernetes.io/managed-by=ivcapgen", "-o", "json"},
             exited(0, read_file(fixture("get_deployments_services.json")))),
      expect({"kubectl", "get", "namespaces,clusterroles", "--all-namespaces", "-l",
              "ivcap.io/environment=aws-dev", "-o", "json"},
             exited(0, R"({"apiVersion":"v1","items":[],"kind":"List","metadata":{}})")),
  });
  Kubectl kubectl(runner, KubectlOptions{});
  KubeQuery q;
  q.kinds = {"deployments", "services"};
  q.ns = "ivcap-runtime";
  q.selector = "app.kubernetes.io/managed-by=ivcapgen";
  auto items = kubectl.get(q);
  REQUIRE(items.ok());
  REQUIRE(items->size() == 3);
  CHECK((*items)[0].at("kind") == "Deployment");
  CHECK((*items)[0].at("metadata").at("name") == "dispatcher");
  CHECK((*items)[1].at("metadata").at("name") == "gateway");
  CHECK((*items)[1].at("status").at("availableReplicas") == 2);
  CHECK((*items)[2].at("kind") == "Service");
  CHECK((*items)[2].at("spec").at("clusterIP") == "10.100.42.17");

  KubeQuery all;
  all.kinds = {"namespaces", "clusterroles"};
  all.all_namespaces = true;
  all.ns = "ignored";
  all.selector = "ivcap.io/environment=aws-dev";
  auto none = kubectl.get(all);
  REQUIRE(none.ok());
  CHECK(none->empty());
  CHECK(runner.verify() == "");
}

TEST_CASE("kubectl: rollout status and wait carry their own timeouts", "[tools][kubectl]") {
  ScriptedRunner runner({
      expect({"kubectl", "rollout", "status", "deployment/gateway", "-n", "ivcap-runtime",
              "--timeout=120s"},
             exited(0,
                    "Waiting for deployment \"gateway\" rollout to finish: 1 of 2 updated "
                    "replicas are available...\ndeployment \"gateway\" successfully rolled out\n")),
      expect({"kubectl", "wait", "--for=condition=Established",
              "customresourcedefinition/workflowtemplates.argoproj.io", "--timeout=60s"},
             exited(0)),
  });
  KubectlOptions o;
  std::vector<std::string> progress;
  o.on_progress = [&](std::string_view line) { progress.emplace_back(line); };
  Kubectl kubectl(runner, o);
  CHECK(
      kubectl.rollout_status({"deployment", "gateway", "ivcap-runtime"}, std::chrono::seconds(120))
          .ok());
  CHECK(runner.calls()[0].timeout == std::chrono::seconds(150));
  CHECK(progress.size() == 2);
  CHECK(kubectl
            .wait_for({"customresourcedefinition", "workflowtemplates.argoproj.io", ""},
                      "Established", std::chrono::seconds(60))
            .ok());
  CHECK(runner.verify() == "");
}

TEST_CASE("kubectl: a failed readiness gate, explained by events", "[tools][kubectl]") {
  auto script =
      load_call_script(source_dir() / "tests/fixtures/tools/scripts/kubectl_gate_timeout.json");
  REQUIRE(script.ok());
  ScriptedRunner runner(std::move(*script));
  KubectlOptions o;
  o.context = "aws-dev";
  Kubectl kubectl(runner, o);
  auto gate = kubectl.rollout_status({"deployment", "dispatcher", "ivcap-runtime"},
                                     std::chrono::seconds(120));
  REQUIRE_FALSE(gate.ok());
  CHECK(gate.error().message.rfind(
            "kubectl rollout status deployment/dispatcher failed: timed out after", 0) == 0);
  auto events = kubectl.events_for("ivcap-runtime", "dispatcher-5f6b7c8d9e-x2k4p");
  REQUIRE(events.ok());
  REQUIRE(events->size() == 3);
  // Oldest first, whatever order the server listed them in.
  CHECK((*events)[0].reason == "Scheduled");
  CHECK((*events)[1].reason == "Pulled");
  CHECK((*events)[2].to_string() ==
        "Warning BackOff pod/dispatcher-5f6b7c8d9e-x2k4p: Back-off restarting failed container "
        "dispatcher in pod dispatcher-5f6b7c8d9e-x2k4p_ivcap-runtime("
        "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0) (x14)");
  CHECK(runner.verify() == "");
}

TEST_CASE("kubectl: prune deletes by selector, never without one", "[tools][kubectl]") {
  ScriptedRunner runner({
      expect({"kubectl", "delete", "deployments,services", "-n", "ivcap-services", "-l",
              "ivcap.io/service=old-service", "--wait=false"},
             exited(0, read_file(fixture("delete_output.txt")))),
      expect({"kubectl", "delete", "configmaps", "-n", "x", "-l", "a=b"},
             exited(0, "", "No resources found\n")),
  });
  Kubectl kubectl(runner, KubectlOptions{});
  KubeDeleteRequest req;
  req.kinds = {"deployments", "services"};
  req.ns = "ivcap-services";
  req.selector = "ivcap.io/service=old-service";
  req.wait = false;
  auto deleted = kubectl.delete_selected(req);
  REQUIRE(deleted.ok());
  CHECK(*deleted == std::vector<std::string>{"deployment.apps/old-service", "service/old-service"});

  KubeDeleteRequest nothing;
  nothing.kinds = {"configmaps"};
  nothing.ns = "x";
  nothing.selector = "a=b";
  auto none = kubectl.delete_selected(nothing);
  REQUIRE(none.ok());
  CHECK(none->empty());

  KubeDeleteRequest blind;
  blind.kinds = {"deployments"};
  blind.ns = "ivcap-services";
  auto refused = kubectl.delete_selected(blind);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == "kubectl delete refused: no label selector given");
  CHECK(runner.verify() == "");  // the refused delete ran nothing
}

TEST_CASE("kubectl: malformed get output is an error", "[tools][kubectl]") {
  CHECK_FALSE(parse_kube_items("not json").ok());
  CHECK_FALSE(parse_kube_items("[1,2]").ok());
  CHECK_FALSE(parse_kube_items(R"({"items": 3})").ok());
  auto single = parse_kube_items(R"({"kind":"Namespace","metadata":{"name":"x"}})");
  REQUIRE(single.ok());
  CHECK(single->size() == 1);
}
