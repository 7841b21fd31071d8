#include <catch2/catch.hpp>

#include "support/rule_fixture.h"

using namespace ivcapgen::testing;

namespace {
// A local environment whose services are the given files.
Validated services(std::vector<std::pair<std::string, std::string>> files,
                   std::string extra_env = "") {
  EnvTree t;
  t.environment("  provider: local\n" + extra_env);
  for (auto& [name, text] : files) t.write("services/" + name, text);
  return validate_tree(t);
}
}  // namespace

TEST_CASE("service-name: syntax and the 32-character limit with the project prefix") {
  auto v = services({{"a.yaml", basic_service("Bad_Name")},
                     {"b.yaml", basic_service("a-name-that-is-far-too-long-x")},
                     {"c.yaml", basic_service("ok", "id: urn:ivcap:service:nope\n")}});
  auto r = v.of("service-name");
  CHECK(r.find("2:7: invalid service name 'Bad_Name'") != std::string::npos);
  CHECK(r.find("service name 'ivcap-a-name-that-is-far-too-long-x' is 35 characters") !=
        std::string::npos);
  CHECK(r.find("service id 'urn:ivcap:service:nope'") != std::string::npos);
}

TEST_CASE("duplicate-service: across files") {
  auto v = services({{"a.yaml", basic_service("same")}, {"b.yaml", basic_service("same")}});
  CHECK(v.of("duplicate-service").find("service 'same' is defined twice") != std::string::npos);
}

TEST_CASE("description: at least 40 characters") {
  std::string svc = basic_service("short");
  const std::string long_text = "A test service that does one thing well, and says so at length.";
  svc.replace(svc.find(long_text), long_text.size(), "Too short.");
  auto v = services({{"a.yaml", svc}});
  CHECK(v.of("description").find("is only 10 characters") != std::string::npos);
}

TEST_CASE("parameters: unique, typed, options, defaults") {
  auto v = services({{"a.yaml", basic_service("p",
                                              "parameters:\n"
                                              "  - {name: x, type: int, default: abc}\n"
                                              "  - {name: x, type: string}\n"
                                              "  - {name: o, type: option}\n"
                                              "  - {name: f, type: float, default: \"0.5\"}\n"
                                              "  - {name: t, type: strng}\n")}});
  auto r = v.of("parameters");
  CHECK(r.find("default 'abc' is not a valid int for 'x'") != std::string::npos);
  CHECK(r.find("parameter 'x' is declared twice") != std::string::npos);
  CHECK(r.find("option parameter 'o' needs options") != std::string::npos);
  CHECK(r.find("'f'") == std::string::npos);
  CHECK(describe_all(v.sink).find("invalid value 'strng' for type; expected string") !=
        std::string::npos);
}

TEST_CASE("controller: known-but-not-orderable vs unknown are distinct") {
  auto proxy =
      "$schema: urn:ivcap:schema:service.2\nname: px\ndescription: A proxy to an external "
      "API that is only listed in the catalog.\ncontroller:\n"
      "  $schema: urn:ivcap:schema:service.service-proxy.1\n  url: https://x.example\n";
  auto unknown =
      "$schema: urn:ivcap:schema:service.2\nname: un\ndescription: A service with a "
      "controller nobody has heard of, at length.\ncontroller:\n"
      "  $schema: urn:ivcap:schema:service.bsaic.1\n";
  auto v = services({{"a.yaml", proxy}, {"b.yaml", unknown}});
  CHECK(v.of("controller").find("warning: known controller 'service-proxy', not orderable") !=
        std::string::npos);
  auto all = describe_all(v.sink);
  CHECK(all.find("unknown controller schema 'urn:ivcap:schema:service.bsaic.1' "
                 "[urn:ivcap:schema:service.basic.1]") != std::string::npos);
}

TEST_CASE("controller: both URN spellings are accepted") {
  std::string sdk = basic_service("sdk");
  sdk.replace(sdk.find("urn:ivcap:schema:service.2"), 26, "urn:ivcap:schema.service.2");
  sdk.replace(sdk.find("urn:ivcap:schema:service.basic.1"), 32, "urn:ivcap:schema.service.basic.1");
  auto v = services({{"a.yaml", sdk}});
  INFO(describe_all(v.sink));
  CHECK(v.clean());
}

TEST_CASE("controller: app-server and rest checks") {
  auto app =
      "$schema: urn:ivcap:schema:service.2\nname: site\ndescription: A static web site "
      "served by the gateway from an artifact.\ncontroller:\n"
      "  $schema: urn:ivcap:schema:service.app-server.1\n  host: \"bad host\"\n"
      "  artifact: not-a-urn\n  \"404\": ../etc/passwd\n";
  auto rest =
      "$schema: urn:ivcap:schema:service.2\nname: api\ndescription: A long running REST "
      "service that answers synchronously.\ncontroller:\n"
      "  $schema: urn:ivcap:schema:service.rest.1\n  image: x:1\n  port: 70000\n"
      "  ready-url: healthz\n  replicas: {min: 3, max: 2}\n  idle-timeout: soon\n";
  auto v = services({{"a.yaml", app}, {"b.yaml", rest}});
  auto r = v.of("controller");
  CHECK(r.find("invalid host 'bad host'") != std::string::npos);
  CHECK(r.find("artifact must be an artifact URN") != std::string::npos);
  CHECK(r.find("the 404 page must be a relative path") != std::string::npos);
  CHECK(r.find("port must be in 1..65535") != std::string::npos);
  CHECK(r.find("ready-url must start with '/'") != std::string::npos);
  CHECK(r.find("replicas.max must be >= max(1, replicas.min)") != std::string::npos);
  CHECK(r.find("idle-timeout 'soon'") != std::string::npos);
}

TEST_CASE("resources-fit: requests and GPUs against node pools") {
  auto big = basic_service("big", "  cpu: {request: \"16\"}\n");
  auto gpu = basic_service("gpu", "  gpu-type: nvidia-tesla-t4\n  gpu-number: 1\n");
  auto v = services({{"a.yaml", big}, {"b.yaml", gpu}});
  auto r = v.of("resources-fit");
  CHECK(r.find("service 'big' (cpu 16) fits no node pool") != std::string::npos);
  CHECK(r.find("service 'gpu' (1 nvidia-tesla-t4 GPU(s)) fits no node pool") != std::string::npos);
  auto all = describe_all(v.sink);
  (void)all;
}

TEST_CASE("egress: only hosts the environment allows (clouds)") {
  EnvTree t;
  t.environment(
      "  provider: aws\n  region: us-east-1\n  domain: example.com\n  database: {managed: false}\n"
      "  cluster: {nodePools: [{name: a, size: m6i.xlarge}]}\n"
      "  policy: {allowedEgress: [\"*.example.org\"]}\n");
  t.write("services/a.yaml", basic_service("a", "egress: [api.example.org, evil.com]\n"));
  // egress is a top-level key of the service: put it before controller.
  std::string svc = basic_service("a");
  svc.insert(svc.find("controller:"), "egress: [api.example.org, evil.com]\n");
  t.write("services/a.yaml", svc);
  auto v = validate_tree(t);
  auto r = v.of("egress");
  CHECK(r.find("egress to 'evil.com' is not allowed") != std::string::npos);
  CHECK(r.find("api.example.org") == std::string::npos);
  CHECK(v.sink.exit_code() == 3);
}

TEST_CASE("literal-secret: secret-looking env values are policy errors") {
  auto v = services({{"a.yaml", basic_service("s", "  env: {API_TOKEN: abc123, MODE: fast}\n")}});
  auto r = v.of("literal-secret");
  CHECK(r.find("environment variable 'API_TOKEN' of 's' holds a literal secret value") !=
        std::string::npos);
  CHECK(r.find("MODE") == std::string::npos);
  CHECK(v.sink.exit_code() == 3);
}

TEST_CASE("legacy service.1 is migrated with a warning showing the new form") {
  auto legacy =
      "$schema: urn:ivcap:schema:service.1\nname: old\ndescription: An old style "
      "service description from before ADR 6.\nworkflow:\n  type: basic\n  basic:\n"
      "    image: x:1\n    command: [run]\n";
  auto v = services({{"a.yaml", legacy}});
  INFO(describe_all(v.sink));
  CHECK(v.clean());
  auto all = describe_all(v.sink);
  CHECK(all.find("warning: legacy service.1 description migrated to service.2") !=
        std::string::npos);
}
