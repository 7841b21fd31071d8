// The Terraform adapter against the real terraform binary, offline: the
// built-in terraform_data resource needs no provider, and the AWS provider
// comes from the /opt/tf-plugins mirror with fake credentials and every
// remote check skipped. Skipped (not passed) when terraform is not on PATH.
#include <catch2/catch.hpp>

#include "support/test_env.h"
#include "tools/process_runner.h"
#include "tools/terraform.h"
#include "tools/tool_locator.h"

using namespace ivcapgen::tools;
using ivcapgen::testing::TempDir;
using ivcapgen::testing::write_file;
namespace fs = std::filesystem;

namespace {

const fs::path kPluginDir = "/opt/tf-plugins";

// Hermetic: no user CLI config, no home directory state, no network checks.
TerraformOptions options_for(const fs::path& program, const TempDir& tmp) {
  write_file(tmp / "terraformrc", "");
  TerraformOptions o;
  o.program = program;
  o.working_dir = tmp / "module";
  o.env = {{"TF_CLI_CONFIG_FILE", (tmp / "terraformrc").string()}, {"HOME", tmp.path().string()}};
  o.timeout = std::chrono::seconds(120);
  return o;
}

}  // namespace

TEST_CASE("terraform (real): version -json through the adapter", "[tools][terraform][real]") {
  auto program = ToolLocator({}, current_path_variable()).locate(Tool::Terraform, "test");
  if (!program) IVCAPGEN_SKIP(program.error().message);
  TempDir tmp;
  fs::create_directories(tmp / "module");
  ProcessRunner runner;
  Terraform tf(runner, options_for(*program, tmp));
  auto v = tf.version();
  REQUIRE(v.ok());
  CHECK_FALSE(v->version.empty());
  CHECK(v->version.find('.') != std::string::npos);
}

TEST_CASE("terraform (real): init, plan, show, apply, output, destroy of terraform_data",
          "[tools][terraform][real]") {
  auto program = ToolLocator({}, current_path_variable()).locate(Tool::Terraform, "test");
  if (!program) IVCAPGEN_SKIP(program.error().message);
  TempDir tmp;
  write_file(tmp / "module" / "main.tf", R"(
resource "terraform_data" "cluster_config" {
  input = { nodes = 3 }
}
output "nodes" { value = terraform_data.cluster_config.output.nodes }
output "admin_token" {
  value     = "tok-${terraform_data.cluster_config.id}"
  sensitive = true
}
)");
  ProcessRunner runner;
  Redactor redactor;
  TerraformOptions o = options_for(*program, tmp);
  o.redactor = &redactor;
  std::vector<std::string> message_types;
  o.on_message = [&](const nlohmann::json& m) { message_types.push_back(m.value("type", "")); };
  Terraform tf(runner, o);

  TerraformInitRequest init;
  init.backend = false;
  if (fs::is_directory(kPluginDir)) init.plugin_dir = kPluginDir;
  auto initialised = tf.init(init);
  INFO((initialised ? std::string() : initialised.error().text()));
  REQUIRE(initialised.ok());

  TerraformPlanRequest req;
  req.out = tmp / "module" / "wave0.tfplan";
  auto plan = tf.plan(req);
  INFO((plan ? std::string() : plan.error().text()));
  REQUIRE(plan.ok());
  CHECK(plan->has_changes);
  CHECK(plan->changes == std::vector<TerraformChange>{{"terraform_data.cluster_config", "create"}});
  CHECK(plan->summary.add == 1);
  CHECK(std::find(message_types.begin(), message_types.end(), "planned_change") !=
        message_types.end());

  auto doc = tf.show_plan(plan->plan_file);
  REQUIRE(doc.ok());
  REQUIRE(doc->find("terraform_data.cluster_config") != nullptr);
  CHECK(doc->find("terraform_data.cluster_config")->action() == "create");

  auto applied = tf.apply(plan->plan_file);
  INFO((applied ? std::string() : applied.error().text()));
  REQUIRE(applied.ok());
  CHECK(applied->summary.add == 1);

  auto outputs = tf.output();
  REQUIRE(outputs.ok());
  CHECK(outputs->find("nodes")->value == 3);
  const TerraformOutput* token = outputs->find("admin_token");
  REQUIRE(token != nullptr);
  CHECK(token->sensitive);
  CHECK(redactor.redact(token->value.get<std::string>()) == "***");

  // A second plan sees nothing to do: exit 0.
  auto again = tf.plan(req);
  REQUIRE(again.ok());
  CHECK_FALSE(again->has_changes);

  auto destroyed = tf.destroy();
  REQUIRE(destroyed.ok());
  CHECK(destroyed->summary.remove == 1);
}

TEST_CASE("terraform (real): an invalid module fails with located diagnostics",
          "[tools][terraform][real]") {
  auto program = ToolLocator({}, current_path_variable()).locate(Tool::Terraform, "test");
  if (!program) IVCAPGEN_SKIP(program.error().message);
  TempDir tmp;
  write_file(tmp / "module" / "main.tf",
             "resource \"terraform_data\" \"x\" {\n  input = nosuch.thing\n}\n");
  ProcessRunner runner;
  Terraform tf(runner, options_for(*program, tmp));
  TerraformInitRequest init;
  init.backend = false;
  REQUIRE(tf.init(init).ok());
  TerraformPlanRequest req;
  req.out = "p.tfplan";
  auto plan = tf.plan(req);
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.error().message == "terraform plan failed: exited with status 1");
  REQUIRE_FALSE(plan.error().details.empty());
  CHECK(plan.error().details[0].rfind("main.tf:2:11: error: Reference to undeclared resource", 0) ==
        0);
}

TEST_CASE("terraform (real): offline AWS plan from the provider mirror",
          "[tools][terraform][real]") {
  auto program = ToolLocator({}, current_path_variable()).locate(Tool::Terraform, "test");
  if (!program) IVCAPGEN_SKIP(program.error().message);
  if (!fs::is_directory(kPluginDir / "registry.terraform.io" / "hashicorp" / "aws")) {
    IVCAPGEN_SKIP("no AWS provider mirror in " + kPluginDir.string());
  }
  TempDir tmp;
  write_file(tmp / "module" / "main.tf", R"(
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
}
)");
  ProcessRunner runner;
  Terraform tf(runner, options_for(*program, tmp));
  TerraformInitRequest init;
  init.backend = false;
  init.plugin_dir = kPluginDir;
  auto initialised = tf.init(init);
  INFO((initialised ? std::string() : initialised.error().text()));
  REQUIRE(initialised.ok());
  TerraformPlanRequest req;
  req.out = "wave0.tfplan";
  req.refresh = false;
  auto plan = tf.plan(req);
  INFO((plan ? std::string() : plan.error().text()));
  REQUIRE(plan.ok());
  CHECK(plan->has_changes);
  // The address from the plan's own JSON stream; `show -json` is covered above
  // (loading the AWS provider schema again would double this test's time).
  CHECK(plan->changes == std::vector<TerraformChange>{{"aws_s3_bucket.artifacts", "create"}});
  CHECK(std::filesystem::exists(tmp / "module" / "wave0.tfplan"));
}
