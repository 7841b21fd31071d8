// Helm adapter through the scripted runner: exact argv, recorded JSON output.
#include <catch2/catch.hpp>

#include "support/test_env.h"
#include "tools/helm.h"
#include "tools/scripted_runner.h"

using namespace ivcapgen::tools;
using ivcapgen::testing::read_file;
using ivcapgen::testing::source_dir;
using Argv = std::vector<std::string>;

namespace {

std::filesystem::path fixture(const std::string& name) {
  return source_dir() / "tests" / "fixtures" / "tools" / "helm" / name;
}

ExpectedCall expect(Argv argv, CommandResult reply) {
  ExpectedCall e;
  e.argv = std::move(argv);
  e.reply = std::move(reply);
  e.origin = "test";
  return e;
}

HelmUpgradeRequest ingress_request() {
  HelmUpgradeRequest req;
  req.release = "ingress-nginx";
  req.ns = "ingress-nginx";
  req.chart = {"ingress-nginx", "4.10.1", "https://kubernetes.github.io/ingress-nginx"};
  req.values_files = {"out/aws-dev/helm/ingress-nginx.values.yaml"};
  req.timeout = std::chrono::seconds(600);
  return req;
}

}  // namespace

TEST_CASE("helm: upgrade --install argv with a repository chart", "[tools][helm]") {
  ScriptedRunner runner({expect({"helm",
                                 "--kubeconfig=/out/aws-dev/kubeconfig",
                                 "--kube-context=aws-dev",
                                 "upgrade",
                                 "--install",
                                 "ingress-nginx",
                                 "ingress-nginx",
                                 "--namespace",
                                 "ingress-nginx",
                                 "--create-namespace",
                                 "--version",
                                 "4.10.1",
                                 "--repo",
                                 "https://kubernetes.github.io/ingress-nginx",
                                 "-f",
                                 "out/aws-dev/helm/ingress-nginx.values.yaml",
                                 "--atomic",
                                 "--wait",
                                 "--timeout",
                                 "600s",
                                 "-o",
                                 "json"},
                                exited(0, read_file(fixture("upgrade.json"))))});
  HelmOptions o;
  o.kubeconfig = "/out/aws-dev/kubeconfig";
  o.kube_context = "aws-dev";
  Helm helm(runner, o);
  auto rel = helm.upgrade_install(ingress_request());
  REQUIRE(rel.ok());
  CHECK(rel->name == "ingress-nginx");
  CHECK(rel->revision == 4);
  CHECK(rel->status == "deployed");
  CHECK(rel->chart_version == "4.10.1");
  CHECK(runner.calls()[0].timeout == std::chrono::seconds(660));
  CHECK(runner.verify() == "");
}

TEST_CASE("helm: an oci:// chart, no namespace creation, no atomic", "[tools][helm]") {
  ScriptedRunner runner(
      {expect({"helm", "upgrade", "--install", "argo-workflows",
               "oci://ghcr.io/argoproj/charts/argo", "--namespace", "argo", "--version", "0.41.0",
               "-f", "a.yaml", "-f", "b.yaml", "--wait", "--timeout", "300s", "-o", "json"},
              exited(0, read_file(fixture("upgrade.json"))))});
  Helm helm(runner, HelmOptions{});
  HelmUpgradeRequest req;
  req.release = "argo-workflows";
  req.ns = "argo";
  req.chart = {"oci://ghcr.io/argoproj/charts/argo", "0.41.0", ""};
  req.values_files = {"a.yaml", "b.yaml"};
  req.create_namespace = false;
  req.atomic = false;
  CHECK(helm.upgrade_install(req).ok());
  CHECK(runner.verify() == "");
}

TEST_CASE("helm: refuses unpinned charts and oci charts with a repo", "[tools][helm]") {
  ScriptedRunner runner({});
  Helm helm(runner, HelmOptions{});
  HelmUpgradeRequest unpinned = ingress_request();
  unpinned.chart.version = "";
  auto r = helm.upgrade_install(unpinned);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message ==
        "helm upgrade --install ingress-nginx: chart 'ingress-nginx' has no pinned version");
  HelmUpgradeRequest oci = ingress_request();
  oci.chart.ref = "oci://registry/x";
  CHECK_FALSE(helm.upgrade_install(oci).ok());
  CHECK(runner.verify() == "");
}

TEST_CASE("helm: a failed upgrade reports helm's error", "[tools][helm]") {
  ScriptedRunner runner({expect(
      {"helm",
       "upgrade",
       "--install",
       "ingress-nginx",
       "ingress-nginx",
       "--namespace",
       "ingress-nginx",
       "--create-namespace",
       "--version",
       "4.10.1",
       "--repo",
       "https://kubernetes.github.io/ingress-nginx",
       "-f",
       "out/aws-dev/helm/ingress-nginx.values.yaml",
       "--atomic",
       "--wait",
       "--timeout",
       "600s",
       "-o",
       "json"},
      exited(1, "",
             "Error: UPGRADE FAILED: release ingress-nginx failed, and has been rolled back due "
             "to atomic being set: context deadline exceeded\n"))});
  Helm helm(runner, HelmOptions{});
  auto r = helm.upgrade_install(ingress_request());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "helm upgrade --install ingress-nginx failed: exited with status 1");
  REQUIRE(r.error().details.size() == 1);
  CHECK(r.error().details[0].find("rolled back") != std::string::npos);
}

TEST_CASE("helm: status, present, failed and absent", "[tools][helm]") {
  const Argv argv = {"helm", "status", "ingress-nginx", "-n", "ingress-nginx", "-o", "json"};
  ScriptedRunner runner({
      expect(argv, exited(0, read_file(fixture("status.json")))),
      expect(argv, exited(0, read_file(fixture("status_failed.json")))),
      expect(argv, exited(1, "", read_file(fixture("status_not_found.txt")))),
      expect(argv, exited(1, "", "Error: Kubernetes cluster unreachable\n")),
  });
  Helm helm(runner, HelmOptions{});
  auto s = helm.status("ingress-nginx", "ingress-nginx");
  REQUIRE(s.ok());
  REQUIRE(s->has_value());
  const HelmRelease& rel = **s;
  CHECK(rel.name == "ingress-nginx");
  CHECK(rel.ns == "ingress-nginx");
  CHECK(rel.revision == 3);
  CHECK(rel.status == "deployed");
  CHECK(rel.chart == "ingress-nginx");
  CHECK(rel.chart_version == "4.10.1");
  CHECK(rel.app_version == "1.10.1");
  CHECK(rel.description == "Upgrade complete");
  CHECK(rel.config.at("controller").at("replicaCount") == 2);

  auto failed = helm.status("ingress-nginx", "ingress-nginx");
  REQUIRE(failed.ok());
  CHECK((*failed)->status == "failed");

  auto absent = helm.status("ingress-nginx", "ingress-nginx");
  REQUIRE(absent.ok());
  CHECK_FALSE(absent->has_value());

  auto unreachable = helm.status("ingress-nginx", "ingress-nginx");
  REQUIRE_FALSE(unreachable.ok());
  CHECK(unreachable.error().details ==
        std::vector<std::string>{"Error: Kubernetes cluster unreachable"});
  CHECK(runner.verify() == "");
}

TEST_CASE("helm: get values, with --all, without values, absent", "[tools][helm]") {
  ScriptedRunner runner({
      expect({"helm", "get", "values", "ingress-nginx", "-n", "ingress-nginx", "-o", "json"},
             exited(0, read_file(fixture("get_values.json")))),
      expect({"helm", "get", "values", "cert-manager", "-n", "cert-manager", "-o", "json", "--all"},
             exited(0, read_file(fixture("get_values_none.json")))),
      expect({"helm", "get", "values", "gone", "-n", "x", "-o", "json"},
             exited(1, "", "Error: release: not found\n")),
  });
  Helm helm(runner, HelmOptions{});
  auto values = helm.get_values("ingress-nginx", "ingress-nginx");
  REQUIRE(values.ok());
  REQUIRE(values->has_value());
  CHECK((*values)->at("controller").at("metrics").at("enabled") == true);
  CHECK((*values)
            ->at("controller")
            .at("service")
            .at("annotations")
            .at("service.beta.kubernetes.io/aws-load-balancer-type") == "nlb");
  auto none = helm.get_values("cert-manager", "cert-manager", /*all=*/true);
  REQUIRE(none.ok());
  CHECK(**none == nlohmann::json::object());
  auto gone = helm.get_values("gone", "x");
  REQUIRE(gone.ok());
  CHECK_FALSE(gone->has_value());
  CHECK(runner.verify() == "");
}

TEST_CASE("helm: uninstall waits, and is idempotent", "[tools][helm]") {
  ScriptedRunner runner({
      expect({"helm", "uninstall", "ingress-nginx", "-n", "ingress-nginx", "--wait", "--timeout",
              "300s"},
             exited(0, "release \"ingress-nginx\" uninstalled\n")),
      expect({"helm", "uninstall", "ingress-nginx", "-n", "ingress-nginx", "--timeout", "60s"},
             exited(1, "",
                    "Error: uninstall: Release not loaded: ingress-nginx: release: not found\n")),
  });
  Helm helm(runner, HelmOptions{});
  auto removed = helm.uninstall("ingress-nginx", "ingress-nginx");
  REQUIRE(removed.ok());
  CHECK(removed.value() == true);
  auto again =
      helm.uninstall("ingress-nginx", "ingress-nginx", /*wait=*/false, std::chrono::seconds(60));
  REQUIRE(again.ok());
  CHECK(again.value() == false);
  CHECK(runner.verify() == "");
}

TEST_CASE("helm: malformed release JSON is an error", "[tools][helm]") {
  CHECK_FALSE(parse_helm_release("").ok());
  CHECK_FALSE(parse_helm_release("{}").ok());
  CHECK_FALSE(parse_helm_release("[]").ok());
  CHECK(parse_helm_release(R"({"name":"x"})").ok());
}
