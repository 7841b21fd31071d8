// `drift` of environments/aws-prod (provider aws) against a scripted live
// system: one `kubectl get` per namespace, `helm status` and `helm get values`
// per release, `terraform plan -refresh-only`; each scenario changes one
// thing and checks the report (text, Markdown, JSON) and the exit code.
#include <catch2/catch.hpp>

#include "drift/drift_fixture.h"

using namespace ivcapgen;
using namespace ivcapgen::testing;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

Json json_report(DriftWorld& world, int expected_code) {
  DriftRun run = run_drift(world, "json");
  INFO(run.err);
  CHECK(run.unmatched == "");
  CHECK(run.code == expected_code);
  return Json::parse(run.out);
}

Json& container(Json& workload, size_t i = 0) {
  return workload["spec"]["template"]["spec"]["containers"][i];
}

}  // namespace

TEST_CASE("no drift: server defaults, status, managedFields, reordered lists, respelt quantities",
          "[drift]") {
  DriftWorld world;
  DriftRun run = run_drift(world);
  INFO(run.err << run.out);
  CHECK(run.unmatched == "");
  CHECK(run.code == 0);
  CHECK(contains(run.out, "No drift: environment 'aws-prod' matches its declaration."));

  const Json report = json_report(world, 0);
  CHECK(report["drifted"] == false);
  CHECK(report["items"].empty());
}

TEST_CASE("a changed image is a modified object with a field-level diff", "[drift]") {
  DriftWorld world;
  const auto& deployment = world.first("Deployment", 4);
  Json& c = container(world.live(deployment));
  const std::string declared = c["image"];
  c["image"] = "ghcr.io/example/ivcap-gateway:0.9.9-hotfix";

  DriftRun run = run_drift(world);
  INFO(run.err << run.out);
  CHECK(run.unmatched == "");
  CHECK(run.code == 2);
  CHECK(contains(run.out, deployment.address() + ": modified"));
  CHECK(contains(run.out, ".image: ghcr.io/example/ivcap-gateway:0.9.9-hotfix -> " + declared));
  CHECK(contains(run.out, "1 drifted in environment 'aws-prod': 0 missing, 1 modified"));

  const Json report = json_report(world, 2);
  REQUIRE(report["items"].size() == 1);
  const Json& item = report["items"][0];
  CHECK(item["address"] == deployment.address());
  CHECK(item["category"] == "modified");
  CHECK(item["layer"] == "k8s");
  REQUIRE(item["diff"].size() == 1);
  CHECK(item["diff"][0]["after"] == declared);
  CHECK(report["summary"]["modified"] == 1);

  DriftRun markdown = run_drift(world, "markdown");
  CHECK(markdown.code == 2);
  CHECK(contains(markdown.out, "| 4 runtime | `" + deployment.address() + "` | modified |"));
}

TEST_CASE("replicas changed by an autoscaler are no drift under drift.ignore", "[drift][ignore]") {
  DriftWorld world;
  const deploy::DesiredObject* deployment = nullptr;
  for (const auto& o : world.env.desired.objects) {
    if (o.kind == "Deployment" && o.object["spec"].contains("replicas")) deployment = &o;
  }
  REQUIRE(deployment);
  world.live(*deployment)["spec"]["replicas"] = 9;
  // aws-prod declares "Deployment/*:/spec/replicas".
  DriftRun run = run_drift(world);
  INFO(run.err << run.out);
  CHECK(run.unmatched == "");
  CHECK(run.code == 0);

  // Without the rule the same live system drifts.
  world.env.built.model->environment->spec->drift->ignore->clear();
  DriftRun strict = run_drift(world);
  CHECK(strict.code == 2);
  CHECK(contains(strict.out, "spec.replicas: 9 -> "));
}

TEST_CASE("a deleted object is missing", "[drift]") {
  DriftWorld world;
  const auto& config = world.first("ConfigMap");
  world.remove(config);
  const Json report = json_report(world, 2);
  REQUIRE(report["items"].size() == 1);
  CHECK(report["items"][0]["address"] == config.address());
  CHECK(report["items"][0]["category"] == "missing");
  CHECK(report["summary"]["missing"] == 1);
}

TEST_CASE("a labelled object the build does not declare is unexpected", "[drift]") {
  DriftWorld world;
  const auto& config = world.first("ConfigMap");
  world.add_unexpected(config, "left-over-by-hand");
  const Json report = json_report(world, 2);
  REQUIRE(report["items"].size() == 1);
  CHECK(report["items"][0]["address"] == "ConfigMap " + config.ns + "/left-over-by-hand");
  CHECK(report["items"][0]["category"] == "unexpected");
}

TEST_CASE("a Helm values change and a chart version change, secrets hidden", "[drift][helm]") {
  DriftWorld world;
  REQUIRE(world.env.desired.releases.size() >= 2);
  world.helm_values[0]["replicaCount"] = 5;
  world.helm_values[0]["auth"] = {{"adminPassword", "do-not-show-me"}};
  world.helm_status[1]["chart"]["metadata"]["version"] = "0.0.1-old";

  DriftRun run = run_drift(world);
  INFO(run.err << run.out);
  CHECK(run.unmatched == "");
  CHECK(run.code == 2);
  CHECK_FALSE(contains(run.out + run.err, "do-not-show-me"));
  CHECK(contains(run.out, world.env.desired.releases[0].address() + ": values"));
  CHECK(contains(run.out, "values.replicaCount: 5 -> "));
  CHECK(contains(run.out, world.env.desired.releases[1].address() + ": chart"));
  CHECK(contains(run.out, "version: 0.0.1-old -> " + world.env.desired.releases[1].version));

  const Json report = json_report(world, 2);
  CHECK(report["summary"]["values"] == 1);
  CHECK(report["summary"]["chart"] == 1);
  CHECK_FALSE(contains(report.dump(), "do-not-show-me"));
}

TEST_CASE("Terraform drift is infrastructure changed, from live to declared, secrets hidden",
          "[drift][terraform]") {
  DriftWorld world;
  world.terraform_drifted();
  DriftRun run = run_drift(world);
  INFO(run.err << run.out);
  CHECK(run.unmatched == "");
  CHECK(run.code == 2);
  CHECK(contains(run.out, "module.cluster.aws_eks_node_group.gpu: infrastructure"));
  CHECK(contains(run.out, "scaling_config[0].max_size: 8 -> 4"));
  CHECK(contains(run.out, "deletion_protection: false -> true"));
  CHECK(contains(run.out, "3 drifted in environment 'aws-prod'"));
  CHECK(contains(run.out, "3 infrastructure changed"));
  CHECK_FALSE(contains(run.out + run.err, "recorded-db-secret"));
  CHECK_FALSE(contains(run.out + run.err, "changed-by-hand"));

  const Json report = json_report(world, 2);
  REQUIRE(report["items"].size() == 3);
  CHECK(report["summary"]["infrastructure"] == 3);
  CHECK(report["items"][2]["address"] == "module.storage.aws_s3_bucket_versioning.artifacts");
  CHECK(report["items"][2]["drift"] == "missing");
  CHECK(report["items"][2]["reason"] == "deleted outside Terraform");
  CHECK_FALSE(contains(report.dump(), "changed-by-hand"));
}

TEST_CASE("without access to the cluster, drift fails instead of reporting everything missing",
          "[drift]") {
  DriftWorld world;
  tools::ScriptedRunner runner(world.terraform_refresh());
  CapturedIo io;
  auto request = world.request();
  request.deploy.options.kubeconfig.reset();
  int code = deploy::drift_environment(*world.env.built.model, request, io.io, runner);
  INFO(io.err.str());
  CHECK(runner.verify() == "");
  CHECK(code == 1);
  CHECK(contains(io.err.str(), "cannot check the cluster: there is no kubeconfig"));
  CHECK_FALSE(contains(io.out.str(), "missing"));
}
