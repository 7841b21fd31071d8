#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/cli_fixture.h"

using namespace ivcapgen::testing;

TEST_CASE("no command and unknown commands are usage errors (64)") {
  CHECK(run_cli({}).code == 64);
  auto r = run_cli({"biuld"});
  CHECK(r.code == 64);
  CHECK(r.err.find("did you mean 'build'?") != std::string::npos);
}

TEST_CASE("--help works everywhere") {
  for (std::string cmd : {"validate", "build", "schema", "defaults", "version"}) {
    auto r = run_cli({cmd, "--help"});
    INFO(cmd);
    CHECK(r.code == 0);
    CHECK(r.out.find("usage: ivcapgen " + cmd) == 0);
  }
  CHECK(run_cli({"--help"}).code == 0);
}

TEST_CASE("unknown options and missing arguments exit 64") {
  auto r = run_cli({"validate", "local", "--colour", "always"});
  CHECK(r.code == 64);
  CHECK(r.err.find("did you mean '--color'?") != std::string::npos);
  CHECK(run_cli({"validate"}).code == 64);
  CHECK(run_cli({"validate", "local", "--color", "sometimes"}).code == 64);
}

TEST_CASE("version prints the version") {
  auto r = run_cli({"version"});
  CHECK(r.code == 0);
  CHECK(r.out.find("ivcapgen ") == 0);
}

TEST_CASE("every shipped environment validates clean") {
  for (std::string env : {"local", "azure-dev", "aws-prod"}) {
    auto r = run_cli({"validate", env});
    INFO(env << "\n" << r.err);
    CHECK(r.code == 0);
    CHECK(r.err.find("error") == std::string::npos);
  }
}

TEST_CASE("an environment that cannot be found is an error with a suggestion") {
  auto r = run_cli({"validate", "loacl"});
  CHECK(r.code == 1);
  CHECK(r.err.find("environment 'loacl' not found") != std::string::npos);
  CHECK(r.err.find("did you mean 'local'?") != std::string::npos);
}

TEST_CASE("diagnostics as JSON on stdout") {
  EnvTree t;
  auto env = t.environment("  provider: lokal\n");
  auto r = run_cli({"validate", env, "--diagnostics-format", "json"});
  CHECK(r.code == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["errors"] == 1);
  CHECK(j["diagnostics"][0]["line"] == 6);
  CHECK(j["diagnostics"][0]["suggestion"] == "local");
}

TEST_CASE("schema prints JSON Schema for each document kind") {
  for (std::string kind : {"environment", "overlay", "service"}) {
    auto r = run_cli({"schema", kind});
    INFO(kind);
    REQUIRE(r.code == 0);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["$schema"] == "http://json-schema.org/draft-07/schema#");
    CHECK(j["additionalProperties"] == false);
  }
  auto env = nlohmann::json::parse(run_cli({"schema", "environment"}).out);
  auto spec = env["properties"]["spec"];
  CHECK(spec["properties"]["provider"]["enum"] == nlohmann::json({"azure", "aws", "local"}));
  CHECK(spec["properties"]["project"]["default"] == "ivcap");
  CHECK(spec["properties"]["cluster"]["properties"].contains("nodePools"));
  CHECK(run_cli({"schema", "servise"}).code == 64);
}

TEST_CASE("defaults lists the pinned component versions") {
  auto r = run_cli({"defaults"});
  CHECK(r.code == 0);
  CHECK(r.out.find("argo-workflows") != std::string::npos);
  CHECK(r.out.find("0.45.20") != std::string::npos);
  CHECK(r.out.find("v1.20.3") != std::string::npos);
}

TEST_CASE("defaults are the resolved model of an environment that sets only the provider") {
  auto local = run_cli({"defaults"});
  CHECK(local.out.find("provider: local") != std::string::npos);
  CHECK(local.out.find("    managed: false\n") != std::string::npos);  // no managed DB locally
  CHECK(local.out.find("      port: 8700\n") != std::string::npos);
  auto aws = run_cli({"defaults", "--provider", "aws"});
  CHECK(aws.code == 0);
  CHECK(aws.out.find("    managed: true\n") != std::string::npos);
  auto bad = run_cli({"defaults", "--provider", "gcp"});
  CHECK(bad.code == 64);
  CHECK(bad.err.find("unknown provider 'gcp'") != std::string::npos);
}
