// Terraform adapter through the scripted runner: the exact argv of each
// operation, and parsing of recorded Terraform output (fixtures recorded from
// terraform 1.11 with the AWS provider 5.100.0 mirror).
#include <catch2/catch.hpp>

#include "support/test_env.h"
#include "tools/scripted_runner.h"
#include "tools/terraform.h"

using namespace ivcapgen::tools;
using ivcapgen::testing::read_file;
using ivcapgen::testing::source_dir;
using Argv = std::vector<std::string>;

namespace {

std::filesystem::path fixture(const std::string& name) {
  return source_dir() / "tests" / "fixtures" / "tools" / "terraform" / name;
}

ExpectedCall expect(Argv argv, CommandResult reply) {
  ExpectedCall e;
  e.argv = std::move(argv);
  e.reply = std::move(reply);
  e.origin = "test";
  return e;
}

TerraformOptions options() {
  TerraformOptions o;
  o.program = "/usr/local/bin/terraform";
  o.working_dir = "/out/aws-dev/terraform";
  return o;
}

}  // namespace

TEST_CASE("terraform: init argv with backend config and plugin dir", "[tools][terraform]") {
  ScriptedRunner runner(
      {expect({"/usr/local/bin/terraform", "init", "-input=false", "-no-color",
               "-plugin-dir=/opt/tf-plugins", "-backend-config=bucket=ivcap-state",
               "-backend-config=key=aws-dev/terraform.tfstate"},
              exited(0, "Terraform has been successfully initialized!\n")),
       expect({"/usr/local/bin/terraform", "init", "-input=false", "-no-color", "-backend=false",
               "-reconfigure"},
              exited(0))});
  Terraform tf(runner, options());
  TerraformInitRequest init;
  init.plugin_dir = "/opt/tf-plugins";
  init.backend_config = {{"key", "aws-dev/terraform.tfstate"}, {"bucket", "ivcap-state"}};
  CHECK(tf.init(init).ok());
  TerraformInitRequest offline;
  offline.backend = false;
  offline.reconfigure = true;
  CHECK(tf.init(offline).ok());
  INFO(runner.verify());
  CHECK(runner.verify() == "");

  const Command& c = runner.calls()[0];
  CHECK(c.cwd == std::filesystem::path("/out/aws-dev/terraform"));
  CHECK(c.env.at("TF_IN_AUTOMATION") == "1");
  CHECK(c.env.at("TF_INPUT") == "0");
  CHECK(c.env.at("CHECKPOINT_DISABLE") == "1");
  CHECK(c.timeout == std::chrono::minutes(60));
}

TEST_CASE("terraform: plan argv per mode, exit 2 means changes", "[tools][terraform]") {
  const Argv base = {"/usr/local/bin/terraform", "plan", "-input=false", "-no-color", "-json",
                     "-detailed-exitcode"};
  auto with = [&](std::initializer_list<std::string> extra) {
    Argv a = base;
    a.insert(a.end(), extra);
    return a;
  };
  ScriptedRunner runner({
      expect(with({"-out=wave0.tfplan", "-refresh=false", "-var-file=env.tfvars.json"}),
             exited(2, read_file(fixture("plan.jsonl")))),
      expect(with({"-out=drift.tfplan", "-refresh-only"}), exited(0)),
      expect(with({"-out=destroy.tfplan", "-destroy"}), exited(2)),
  });
  Terraform tf(runner, options());

  TerraformPlanRequest normal;
  normal.out = "wave0.tfplan";
  normal.refresh = false;
  normal.var_files = {"env.tfvars.json"};
  auto plan = tf.plan(normal);
  REQUIRE(plan.ok());
  CHECK(plan->has_changes);
  CHECK(plan->plan_file == std::filesystem::path("wave0.tfplan"));
  CHECK(plan->changes == std::vector<TerraformChange>{{"terraform_data.legacy", "delete"},
                                                      {"terraform_data.cluster_config", "update"},
                                                      {"aws_s3_bucket.artifacts", "create"}});
  CHECK(plan->summary.add == 1);
  CHECK(plan->summary.change == 1);
  CHECK(plan->summary.remove == 1);
  CHECK(plan->summary.operation == "plan");
  REQUIRE(plan->warnings.size() == 2);
  CHECK(plan->warnings[0].to_string() ==
        "main.tf:20:12: warning: Argument is deprecated: acl is deprecated. Use the "
        "aws_s3_bucket_acl resource instead.");

  TerraformPlanRequest refresh;
  refresh.out = "drift.tfplan";
  refresh.mode = TerraformPlanMode::RefreshOnly;
  auto drift = tf.plan(refresh);
  REQUIRE(drift.ok());
  CHECK_FALSE(drift->has_changes);

  TerraformPlanRequest destroy;
  destroy.out = "destroy.tfplan";
  destroy.mode = TerraformPlanMode::Destroy;
  CHECK(tf.plan(destroy)->has_changes);
  CHECK(runner.verify() == "");
}

TEST_CASE("terraform: a failed plan reports Terraform's diagnostics", "[tools][terraform]") {
  ScriptedRunner runner({expect({"/usr/local/bin/terraform", "plan", "-input=false", "-no-color",
                                 "-json", "-detailed-exitcode", "-out=p"},
                                exited(1, read_file(fixture("plan_error.jsonl"))))});
  Terraform tf(runner, options());
  TerraformPlanRequest req;
  req.out = "p";
  auto plan = tf.plan(req);
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.error().message == "terraform plan failed: exited with status 1");
  REQUIRE(plan.error().details.size() >= 2);
  CHECK(plan.error().details[0] ==
        "main.tf:5:11: error: Call to unknown function: There is no function named "
        "\"unknown_function\".");
  CHECK(plan.error().details[1] ==
        "main.tf:2:11: error: Reference to undeclared resource: A managed resource \"nosuch\" "
        "\"thing\" has not been declared in the root module.");
}

TEST_CASE("terraform: messages are forwarded as they stream", "[tools][terraform]") {
  ScriptedRunner runner({expect({"/usr/local/bin/terraform", "apply", "-input=false", "-no-color",
                                 "-json", "/tmp/wave0.tfplan"},
                                exited(0, read_file(fixture("apply.jsonl"))))});
  TerraformOptions o = options();
  std::vector<std::string> progress;
  o.on_message = [&](const nlohmann::json& m) {
    progress.push_back(m.value("@message", std::string()));
  };
  Terraform tf(runner, o);
  auto applied = tf.apply("/tmp/wave0.tfplan");
  REQUIRE(applied.ok());
  CHECK(applied->summary.add == 2);
  CHECK(applied->summary.operation == "apply");
  REQUIRE(applied->applied.size() == 2);
  CHECK(applied->applied[0].action == "create");
  REQUIRE(progress.size() == 9);
  CHECK(progress.front() == "Terraform 1.11.4");
  CHECK(progress[progress.size() - 2] ==
        "Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
}

TEST_CASE("terraform: a failed apply names the errored resource", "[tools][terraform]") {
  ScriptedRunner runner({expect(
      {"/usr/local/bin/terraform", "apply", "-input=false", "-no-color", "-json", "p.tfplan"},
      exited(1, read_file(fixture("apply_error.jsonl"))))});
  Terraform tf(runner, options());
  auto applied = tf.apply("p.tfplan");
  REQUIRE_FALSE(applied.ok());
  CHECK(applied.error().message == "terraform apply failed: exited with status 1");
  REQUIRE_FALSE(applied.error().details.empty());
  CHECK(applied.error().details[0] ==
        "main.tf:5:23: error: Resource postcondition failed: The database engine must be "
        "postgres.");
}

TEST_CASE("terraform: show -json of a plan is parsed", "[tools][terraform]") {
  ScriptedRunner runner(
      {expect({"/usr/local/bin/terraform", "show", "-json", "-no-color", "wave0.tfplan"},
              exited(0, read_file(fixture("show_plan.json"))))});
  Terraform tf(runner, options());
  auto doc = tf.show_plan("wave0.tfplan");
  REQUIRE(doc.ok());
  CHECK(doc->terraform_version == "1.11.4");
  REQUIRE(doc->resource_changes.size() == 3);
  // Sorted by address.
  CHECK(doc->resource_changes[0].address == "aws_s3_bucket.artifacts");
  CHECK(doc->resource_changes[0].action() == "create");
  CHECK(doc->resource_changes[0].type == "aws_s3_bucket");
  CHECK(doc->resource_changes[0].after.at("bucket") == "ivcap-dev-artifacts");
  CHECK(doc->resource_changes[1].action() == "update");
  CHECK(doc->resource_changes[1].before.at("input").at("nodes") == 3);
  CHECK(doc->resource_changes[1].after.at("input").at("nodes") == 5);
  CHECK(doc->find("terraform_data.legacy")->action() == "delete");
  CHECK(doc->find("nope") == nullptr);
  CHECK_FALSE(doc->errored);
  CHECK(doc->document.contains("configuration"));
}

TEST_CASE("terraform: output -json, sensitive values flagged and learnt", "[tools][terraform]") {
  ScriptedRunner runner({expect({"/usr/local/bin/terraform", "output", "-no-color", "-json"},
                                exited(0, read_file(fixture("output.json"))))});
  Redactor redactor;
  TerraformOptions o = options();
  o.redactor = &redactor;
  Terraform tf(runner, o);
  auto outputs = tf.output();
  REQUIRE(outputs.ok());
  CHECK(outputs->outputs.size() == 3);
  CHECK(outputs->find("cluster_endpoint")->value == "https://10.0.0.1:6443");
  CHECK_FALSE(outputs->find("cluster_endpoint")->sensitive);
  CHECK(outputs->find("kubeconfig_token")->sensitive);
  CHECK(outputs->find("node_pools")->value.at("gpu") == 2);
  const std::string shown = outputs->describe();
  CHECK(shown.find("kubeconfig_token = (sensitive value)") != std::string::npos);
  CHECK(shown.find("eyJ") == std::string::npos);
  CHECK(redactor.redact("token eyJhbGciOiJSUzI1NiIsImtpZCI6IkZBS0UifQ.fake-token") == "token ***");
}

TEST_CASE("terraform: version and destroy argv", "[tools][terraform]") {
  ScriptedRunner runner({
      expect({"/usr/local/bin/terraform", "version", "-json"},
             exited(0, read_file(fixture("version.json")))),
      expect({"/usr/local/bin/terraform", "destroy", "-auto-approve", "-input=false", "-no-color",
              "-json", "-var-file=env.tfvars.json"},
             exited(0)),
  });
  Terraform tf(runner, options());
  auto v = tf.version();
  REQUIRE(v.ok());
  CHECK(v->version == "1.11.4");
  CHECK(v->platform == "linux_amd64");
  CHECK(v->provider_selections.at("registry.terraform.io/hashicorp/aws") == "5.100.0");
  CHECK(tf.destroy({"env.tfvars.json"}).ok());
  CHECK(runner.verify() == "");
}

TEST_CASE("terraform: the wave 0 sequence from a script file", "[tools][terraform]") {
  auto script = load_call_script(source_dir() / "tests/fixtures/tools/scripts/terraform_wave0.json",
                                 {{"WORK", "/out/aws-dev/terraform"}});
  REQUIRE(script.ok());
  ScriptedRunner runner(std::move(*script));
  TerraformOptions o;
  o.working_dir = "/out/aws-dev/terraform";
  Terraform tf(runner, o);

  TerraformInitRequest init;
  init.plugin_dir = "/opt/tf-plugins";
  init.backend_config = {{"bucket", "ivcap-dev-state"}, {"region", "ap-southeast-2"}};
  REQUIRE(tf.init(init).ok());
  TerraformPlanRequest req;
  req.out = o.working_dir / "wave0.tfplan";
  req.refresh = false;
  auto plan = tf.plan(req);
  REQUIRE(plan.ok());
  REQUIRE(plan->has_changes);
  auto doc = tf.show_plan(plan->plan_file);
  REQUIRE(doc.ok());
  CHECK(doc->find("aws_s3_bucket.artifacts") != nullptr);
  REQUIRE(tf.apply(plan->plan_file).ok());
  auto outputs = tf.output();
  REQUIRE(outputs.ok());
  CHECK(outputs->find("kubeconfig_token")->sensitive);
  CHECK(runner.verify() == "");
}

TEST_CASE("terraform: failures to run are errors, not exceptions", "[tools][terraform]") {
  ScriptedRunner runner({
      expect({"terraform", "version", "-json"}, not_found("terraform")),
      expect({"terraform", "output", "-no-color", "-json"}, exited(0, "{not json")),
      expect({"terraform", "show", "-json", "-no-color", "x"}, timed_out()),
  });
  Terraform tf(runner, TerraformOptions{});
  auto v = tf.version();
  REQUIRE_FALSE(v.ok());
  CHECK(v.error().message ==
        "terraform version failed: failed to start: program 'terraform' not found on PATH");
  auto o = tf.output();
  REQUIRE_FALSE(o.ok());
  CHECK(o.error().message == "terraform output -json printed malformed JSON");
  auto s = tf.show_plan("x");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message.find("terraform show failed: timed out after") == 0);
}

TEST_CASE("terraform stream: non-JSON lines are kept for the error", "[tools][terraform]") {
  const auto stream = parse_terraform_stream(
      "{\"type\":\"version\",\"terraform\":\"1.11.4\"}\n"
      "panic: runtime error: invalid memory address\n"
      "\n"
      "{\"type\":\"diagnostic\",\"diagnostic\":{\"severity\":\"error\",\"summary\":\"Boom\"}}\n");
  CHECK(stream.terraform_version == "1.11.4");
  CHECK(stream.other_lines ==
        std::vector<std::string>{"panic: runtime error: invalid memory address"});
  REQUIRE(stream.errors().size() == 1);
  CHECK(stream.errors()[0].to_string() == "error: Boom");
  CHECK(stream.warnings().empty());
}
