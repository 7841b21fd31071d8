// Unit tests of the dispatcher's provider selection, parameter binding and
// Argo expression substitution.
#include <catch2/catch.hpp>

#include "dispatcher/argo_expression.h"
#include "dispatcher/order_intake.h"
#include "dispatcher/parameter_binding.h"
#include "dispatcher/provider_selection.h"

using namespace ivcap::runtime;
using nlohmann::json;

namespace {

json service_with(const std::string& schema) {
  return {{"controller", {{"$schema", schema}}}};
}

}  // namespace

TEST_CASE("provider selection by controller schema", "[runtime][dispatcher]") {
  auto kind = [](const std::string& schema) {
    auto r = select_provider(service_with(schema));
    REQUIRE(std::holds_alternative<ProviderKind>(r));
    return std::get<ProviderKind>(r);
  };
  CHECK(kind("urn:ivcap:schema:service.basic.1") == ProviderKind::Basic);
  CHECK(kind("urn:ivcap:schema.service.batch.1") == ProviderKind::Basic);
  CHECK(kind("urn:ivcap:schema:service.argo-wf.1") == ProviderKind::Argo);
  CHECK(kind("urn:ivcap:schema.service.argo.1") == ProviderKind::Argo);
  CHECK(kind("urn:ivcap:schema:service.rest.1") == ProviderKind::Dynamic);
  CHECK(kind("urn:ivcap:schema:service.dynamic.1") == ProviderKind::Dynamic);
}

TEST_CASE("known-but-not-orderable and unknown controllers are distinct errors",
          "[runtime][dispatcher]") {
  auto refusal = [](const json& service) {
    auto r = select_provider(service);
    REQUIRE(std::holds_alternative<ProviderRefusal>(r));
    return std::get<ProviderRefusal>(r);
  };
  auto app = refusal(service_with("urn:ivcap:schema.service.app-server.1"));
  CHECK(app.status == 422);
  CHECK(app.code == "controller-not-orderable");
  CHECK(app.message == "controller 'service.app-server.1' is known but cannot be ordered");
  auto proxy = refusal(service_with("urn:ivcap:schema:service.service-proxy.1"));
  CHECK(proxy.code == "controller-not-orderable");
  auto unknown = refusal(service_with("urn:ivcap:schema:service.quantum.1"));
  CHECK(unknown.status == 422);
  CHECK(unknown.code == "unknown-controller");
  CHECK(unknown.message.find("unknown controller schema 'urn:ivcap:schema:service.quantum.1'; "
                             "known: ") == 0);
  CHECK(unknown.message.find("urn:ivcap:schema:service.argo-wf.1") != std::string::npos);
  CHECK(refusal(json::object()).code == "invalid-controller");
  CHECK(refusal(json{{"controller", {{"image", "x"}}}}).code == "invalid-controller");
}

TEST_CASE("parameter binding: values, defaults, types, unknown and missing",
          "[runtime][dispatcher]") {
  json declared = json::parse(R"([
    {"name": "threshold", "type": "float", "default": "0.5"},
    {"name": "count", "type": "int"},
    {"name": "verbose", "type": "bool", "optional": true},
    {"name": "mode", "type": "option", "options": ["fast", {"value": "slow"}], "default": "fast"},
    {"name": "input", "type": "artifact", "optional": true}
  ])");
  auto bind = [&](const json& given) { return bind_parameters(declared, given); };
  auto ok =
      bind(json::parse(R"([{"name": "count", "value": 3}, {"name": "mode", "value": "slow"}])"));
  REQUIRE(std::holds_alternative<BoundParameters>(ok));
  auto& p = std::get<BoundParameters>(ok);
  CHECK(p.values["threshold"] == "0.5");
  CHECK(p.values["count"] == "3");
  CHECK(p.values["mode"] == "slow");
  CHECK(p.values["verbose"].empty());
  CHECK(p.artifacts.empty());

  auto error = [&](const json& given) {
    auto r = bind(given);
    REQUIRE(std::holds_alternative<std::string>(r));
    return std::get<std::string>(r);
  };
  CHECK(error(json::array()) == "missing required parameter 'count'");
  CHECK(error(json::parse(R"([{"name": "count", "value": "x"}])")).find("integer") !=
        std::string::npos);
  CHECK(error(json::parse(R"([{"name": "count", "value": 1}, {"name": "nope", "value": 1}])"))
            .find("unknown parameter 'nope'") == 0);
  CHECK(error(json::parse(R"([{"name": "count", "value": 1}, {"name": "mode", "value": "warp"}])"))
            .find("one of: fast, slow") != std::string::npos);
  CHECK(error(json::parse(R"([{"name": "count", "value": 1}, {"name": "input", "value": "../x"}])"))
            .find("artifact id") != std::string::npos);
  CHECK(error(json::parse(R"([{"name": "count", "value": 1}, {"name": "count", "value": 2}])"))
            .find("more than once") != std::string::npos);
  CHECK(error(json::parse(R"({"count": 1})")).find("array") != std::string::npos);

  std::string artifact = "urn:ivcap:artifact:" + std::string(64, 'c');
  auto with_input =
      bind(json{{{"name", "count"}, {"value", 1}}, {{"name", "input"}, {"value", artifact}}});
  REQUIRE(std::holds_alternative<BoundParameters>(with_input));
  CHECK(std::get<BoundParameters>(with_input).artifacts.at("input") == artifact);
}

TEST_CASE("parameter names that cannot be file names are refused", "[runtime][dispatcher]") {
  CHECK_FALSE(is_safe_parameter_name("../etc"));
  CHECK_FALSE(is_safe_parameter_name(".hidden"));
  CHECK_FALSE(is_safe_parameter_name("a/b"));
  CHECK(is_safe_parameter_name("input_file-2.csv"));
  auto r = bind_parameters(json::parse(R"([{"name": "../x"}])"), json());
  CHECK(std::holds_alternative<std::string>(r));
}

TEST_CASE("argo expressions are substituted as Argo would", "[runtime][dispatcher]") {
  std::map<std::string, std::string> workflow = {{"message", "hi there"}, {"n", "3"}};
  std::map<std::string, std::string> inputs = {{"message", "from input"}};
  ExpressionScope scope{&workflow, &inputs, "abc"};
  auto sub = [&](const std::string& text) { return substitute_expressions(text, scope); };
  CHECK(std::get<0>(sub("echo '{{workflow.parameters.message}}'")) == "echo 'hi there'");
  CHECK(std::get<0>(sub("{{ inputs.parameters.message }}/{{workflow.parameters.n}}")) ==
        "from input/3");
  CHECK(std::get<0>(sub("run {{workflow.name}}")) == "run abc");
  CHECK(std::get<0>(sub("no expressions {here}")) == "no expressions {here}");
  CHECK(std::get<0>(sub("unterminated {{workflow")) == "unterminated {{workflow");
  CHECK(std::get<1>(sub("{{workflow.parameters.missing}}")).find("unresolved") == 0);
  CHECK(std::get<1>(sub("{{tasks.a.outputs.result}}")).find("not supported") != std::string::npos);
  // Substituted values are not re-expanded.
  std::map<std::string, std::string> tricky = {{"x", "{{workflow.parameters.x}}"}};
  ExpressionScope tricky_scope{&tricky, nullptr, ""};
  CHECK(std::get<0>(substitute_expressions("{{workflow.parameters.x}}", tricky_scope)) ==
        "{{workflow.parameters.x}}");
}

TEST_CASE("order intake builds a ticket or refuses with a status", "[runtime][dispatcher]") {
  json service = {{"id", "urn:ivcap:service:aaaaaaaa-2222-4333-8444-555555555555"},
                  {"parameters", json::parse(R"([{"name": "msg", "default": "x"}])")},
                  {"controller",
                   {{"$schema", "urn:ivcap:schema:service.basic.1"},
                    {"command", {"echo", "{{workflow.parameters.msg}}"}}}}};
  json body = {{"id", "urn:ivcap:order:11111111-2222-4333-8444-555555555555"},
               {"service", service},
               {"parameters", json::parse(R"([{"name": "msg", "value": "hello"}])")}};
  auto ok = accept_order(body);
  REQUIRE(std::holds_alternative<OrderTicket>(ok));
  CHECK(std::get<OrderTicket>(ok).plan.tasks.at(0).argv ==
        std::vector<std::string>{"echo", "hello"});

  json bad_id = body;
  bad_id["id"] = "order-1";
  CHECK(std::get<IntakeRefusal>(accept_order(bad_id)).status == 400);
  json no_command = body;
  no_command["service"]["controller"].erase("command");
  auto refusal = std::get<IntakeRefusal>(accept_order(no_command));
  CHECK(refusal.status == 422);
  CHECK(refusal.message.find("controller.local.command") != std::string::npos);
}
