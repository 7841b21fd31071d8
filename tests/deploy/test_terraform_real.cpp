// Wave 0 of the plan with the real terraform, offline: a tiny module with
// the AWS provider from the /opt/tf-plugins mirror goes through the same
// stage `plan` and `apply` use (init -plugin-dir, plan -out, show -json),
// and a sensitive value never reaches the plan. Skipped (not passed) when
// terraform or the mirror is absent.
#include <catch2/catch.hpp>

#include "deploy/cloud_planner.h"
#include "deploy/plan_json.h"
#include "deploy_fixture.h"
#include "tools/process_runner.h"
#include "tools/tool_locator.h"

using namespace ivcapgen;
using namespace ivcapgen::testing;

namespace {

const fs::path kPluginDir = "/opt/tf-plugins";

constexpr const char* kModule = R"(
variable "db_password" {
  type      = string
  sensitive = true
  default   = "a-real-secret-value"
}

provider "aws" {
  region                      = "ap-southeast-2"
  access_key                  = "AKIAIOSFODNN7EXAMPLE"
  secret_key                  = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}

resource "aws_s3_bucket" "artifacts" {
  bucket = "ivcapgen-test-artifacts"
  tags   = { environment = "aws-prod" }
}

resource "terraform_data" "database" {
  input = { password = var.db_password, nodes = 3 }
}
)";

}  // namespace

TEST_CASE("terraform (real): the plan of wave 0 from an offline AWS module",
          "[deploy][terraform][real]") {
  auto program =
      tools::ToolLocator({}, tools::current_path_variable()).locate(tools::Tool::Terraform, "test");
  if (!program) IVCAPGEN_SKIP(program.error().message);
  if (!fs::is_directory(kPluginDir / "registry.terraform.io" / "hashicorp" / "aws")) {
    IVCAPGEN_SKIP("no AWS provider mirror in " + kPluginDir.string());
  }
  Built built = build_environment("aws-prod");
  REQUIRE(built.model);

  output::OutputTree tree;
  tree.add_text("terraform/main.tf", 0, kModule);
  tree.add_manifest("aws-prod");
  TempDir tmp;
  write_tree(tree, tmp / "build");
  write_file(tmp / "terraformrc", "");

  deploy::StateStore store(tmp / "state");
  deploy::State state;
  state.environment = "aws-prod";
  state.lineage = "l";
  tools::ProcessRunner runner;
  tools::Redactor redactor;
  deploy::Progress progress(nullptr);
  deploy::DeployOptions options;
  options.path_variable = tools::current_path_variable();
  options.terraform_plugin_dir = kPluginDir;
  deploy::TargetContext context{*built.model, tree,   tmp / "build", tmp / "state", store,
                                state,        runner, redactor,      progress,      options};
  auto desired = deploy::read_desired_state(tree);
  REQUIRE(desired.ok());
  deploy::CloudTools cloud(context);
  deploy::PlanScope scope;
  scope.cluster = false;
  scope.registration = false;
  auto plan = deploy::plan_cloud(context, cloud, *desired, scope);
  INFO((plan ? std::string() : plan.error().text()));
  REQUIRE(plan.ok());

  const deploy::WavePlan* wave0 = plan->find_wave(0);
  REQUIRE(wave0 != nullptr);
  REQUIRE(wave0->changes.size() == 2);
  CHECK(wave0->changes[0].address == "aws_s3_bucket.artifacts");
  CHECK(wave0->changes[0].action == deploy::Action::Create);
  bool saw_bucket = false, saw_arn = false;
  for (const auto& f : wave0->changes[0].diff) {
    saw_bucket |= f.path == "bucket" && f.after == Json("ivcapgen-test-artifacts");
    saw_arn |= f.path == "arn" && f.after == Json("(known after apply)");
  }
  CHECK(saw_bucket);
  CHECK(saw_arn);
  CHECK(wave0->changes[1].address == "terraform_data.database");
  const std::string json = deploy::plan_to_json(*plan).dump();
  CHECK(json.find("a-real-secret-value") == std::string::npos);
  CHECK(json.find("(sensitive)") != std::string::npos);
  CHECK(fs::exists(tmp / "state" / "wave0.tfplan"));
  CHECK(fs::exists(tmp / "state" / "terraform"));  // TF_DATA_DIR, outside the build
  CHECK_FALSE(fs::exists(tmp / "build" / "terraform" / ".terraform"));
}
