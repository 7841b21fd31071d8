// Unit tests of local plans: basic services and argo-wf DAGs/steps.
#include <catch2/catch.hpp>

#include "dispatcher/local_plan.h"

using namespace ivcap::runtime;
using nlohmann::json;

namespace {

BoundParameters params(std::map<std::string, std::string> values) {
  BoundParameters p;
  p.values = std::move(values);
  return p;
}

LocalPlan plan_ok(const json& controller, const BoundParameters& p) {
  auto r = plan_argo(controller, p, "uuid");
  if (r.index() == 1) FAIL(std::get<1>(r));
  return std::get<0>(r);
}

std::string plan_error(const json& controller, const BoundParameters& p = {}) {
  auto r = plan_argo(controller, p, "uuid");
  REQUIRE(r.index() == 1);
  return std::get<1>(r);
}

// The seed 002 example, verbatim in shape.
const char* kSeedDag = R"({
  "$schema": "urn:ivcap:schema:service.argo-wf.1",
  "entrypoint": "main-workflow",
  "templates": [
    {"name": "main-workflow", "dag": {"tasks": [
      {"name": "first-task", "template": "task1"},
      {"name": "second-task", "dependencies": ["first-task"], "template": "task2"}]}},
    {"name": "task1", "inputs": {"parameters": [{"name": "message"}]},
     "container": {"image": "alpine:3.7", "command": ["sh", "-c"],
                   "args": ["echo '{{inputs.parameters.message}}'"]}},
    {"name": "task2", "container": {"image": "alpine:3.7", "command": ["sh", "-c"],
                                    "args": ["echo Hello from task 2!"]}}
  ]})";

}  // namespace

TEST_CASE("basic plan: command + args, or local.command", "[runtime][dispatcher]") {
  json controller = {{"$schema", "urn:ivcap:schema:service.basic.1"},
                     {"image", "x"},
                     {"command", {"python", "/app/service.py"}},
                     {"args", {"--n", "{{workflow.parameters.n}}"}},
                     {"env", {{{"name", "MODE"}, {"value", "{{inputs.parameters.n}}"}}}},
                     {"activeDeadlineSeconds", 7}};
  auto p = params({{"n", "5"}});
  auto plan = std::get<0>(plan_basic(controller, p, "u"));
  REQUIRE(plan.tasks.size() == 1);
  CHECK(plan.tasks[0].argv == std::vector<std::string>{"python", "/app/service.py", "--n", "5"});
  CHECK(plan.tasks[0].env == std::vector<std::pair<std::string, std::string>>{{"MODE", "5"}});
  CHECK(plan.deadline == std::chrono::seconds(7));

  controller["local"] = {{"command", {"sh", "-c", "echo {{workflow.parameters.n}}"}}};
  plan = std::get<0>(plan_basic(controller, p, "u"));
  CHECK(plan.tasks[0].argv == std::vector<std::string>{"sh", "-c", "echo 5"});

  controller["env"] = {{{"name", "IVCAP_ORDER_ID"}, {"value", "spoof"}}};
  CHECK(std::get<1>(plan_basic(controller, p, "u")).find("may not be set") != std::string::npos);
}

TEST_CASE("argo plan: the seed 002 DAG runs task1 then task2", "[runtime][dispatcher]") {
  auto plan = plan_ok(json::parse(kSeedDag), params({{"message", "hi"}}));
  REQUIRE(plan.tasks.size() == 2);
  CHECK(plan.tasks[0].name == "first-task");
  CHECK(plan.tasks[0].argv == std::vector<std::string>{"sh", "-c", "echo 'hi'"});
  CHECK(plan.tasks[0].depends_on.empty());
  CHECK(plan.tasks[1].name == "second-task");
  CHECK(plan.tasks[1].depends_on == std::vector<size_t>{0});
}

TEST_CASE("argo plan: an unwired input without a service parameter is an error",
          "[runtime][dispatcher]") {
  CHECK(plan_error(json::parse(kSeedDag)).find("input 'message' has no value") !=
        std::string::npos);
}

TEST_CASE("argo plan: dependency order, depends expressions, arguments", "[runtime][dispatcher]") {
  json c = json::parse(R"({
    "entrypoint": "main",
    "templates": [
      {"name": "main", "dag": {"tasks": [
        {"name": "c", "template": "echo", "depends": "a && b.Succeeded",
         "arguments": {"parameters": [{"name": "word", "value": "C-{{workflow.parameters.p}}"}]}},
        {"name": "b", "template": "echo", "dependencies": ["a"],
         "arguments": {"parameters": [{"name": "word", "value": "B"}]}},
        {"name": "a", "template": "echo",
         "arguments": {"parameters": [{"name": "word", "value": "A"}]}}]}},
      {"name": "echo", "inputs": {"parameters": [{"name": "word"}]},
       "container": {"command": ["echo", "{{inputs.parameters.word}}"]}}
    ]})");
  auto plan = plan_ok(c, params({{"p", "x"}}));
  REQUIRE(plan.tasks.size() == 3);
  CHECK(plan.tasks[0].name == "a");
  CHECK(plan.tasks[1].name == "b");
  CHECK(plan.tasks[2].name == "c");
  CHECK(plan.tasks[2].argv.back() == "C-x");
  CHECK(plan.tasks[2].depends_on == std::vector<size_t>{0, 1});
}

TEST_CASE("argo plan: cycles, unknown tasks and templates are errors", "[runtime][dispatcher]") {
  json cycle = json::parse(R"({"entrypoint": "m", "templates": [
    {"name": "m", "dag": {"tasks": [
      {"name": "a", "template": "t", "dependencies": ["b"]},
      {"name": "b", "template": "t", "dependencies": ["a"]}]}},
    {"name": "t", "container": {"command": ["true"]}}]})");
  CHECK(plan_error(cycle).find("dependency cycle among tasks a, b") != std::string::npos);
  json unknown = cycle;
  unknown["templates"][0]["dag"]["tasks"][0]["dependencies"] = {"zz"};
  CHECK(plan_error(unknown).find("unknown task 'zz'") != std::string::npos);
  json missing_template = cycle;
  missing_template["templates"][0]["dag"]["tasks"] =
      json::parse(R"([{"name": "a", "template": "nope"}])");
  CHECK(plan_error(missing_template).find("unknown template 'nope'") != std::string::npos);
  json self = json::parse(R"({"entrypoint": "m", "templates": [
    {"name": "m", "dag": {"tasks": [{"name": "a", "template": "m"}]}}]})");
  CHECK(plan_error(self).find("deeper than 16") != std::string::npos);
}

TEST_CASE("argo plan: steps, nested DAGs, scripts, local overrides", "[runtime][dispatcher]") {
  json c = json::parse(R"J({"entrypoint": "main", "templates": [
    {"name": "main", "steps": [
      [{"name": "s1", "template": "inner"}],
      [{"name": "s2a", "template": "py"}, {"name": "s2b", "template": "img"}]]},
    {"name": "inner", "dag": {"tasks": [
      {"name": "x", "template": "img"}, {"name": "y", "template": "img", "dependencies": ["x"]}]}},
    {"name": "py", "script": {"command": ["python3"], "source": "print('{{workflow.name}}')"}},
    {"name": "img", "container": {"image": "registry/tool:1"}}]})J");
  c["local"] = {{"templates", {{"img", {{"command", {"true"}}}}}}};
  auto plan = plan_ok(c, {});
  REQUIRE(plan.tasks.size() == 4);
  CHECK(plan.tasks[0].name == "s1.x");
  CHECK(plan.tasks[1].name == "s1.y");
  CHECK(plan.tasks[1].depends_on == std::vector<size_t>{0});
  CHECK(plan.tasks[2].name == "s2a");
  CHECK(plan.tasks[2].depends_on == std::vector<size_t>{0, 1});
  CHECK(plan.tasks[2].script_source == "print('uuid')");
  CHECK(plan.tasks[3].argv == std::vector<std::string>{"true"});

  c.erase("local");
  CHECK(plan_error(c).find("controller.local.templates.img.command") != std::string::npos);
}

TEST_CASE("argo plan: unsupported features are refused clearly", "[runtime][dispatcher]") {
  json c = json::parse(R"({"entrypoint": "m", "templates": [
    {"name": "m", "dag": {"tasks": [{"name": "a", "template": "t", "withItems": [1, 2]}]}},
    {"name": "t", "container": {"command": ["true"]}}]})");
  CHECK(plan_error(c).find("'withItems' is not supported") != std::string::npos);
  json resource = json::parse(R"({"entrypoint": "m", "templates": [
    {"name": "m", "resource": {"action": "create"}}]})");
  CHECK(plan_error(resource).find("'resource' templates are not supported") != std::string::npos);
  json sdk_form = {{"workflow", {{"spec", json::parse(kSeedDag)}}}};
  CHECK(plan_ok(sdk_form, params({{"message", "m"}})).tasks.size() == 2);
}
