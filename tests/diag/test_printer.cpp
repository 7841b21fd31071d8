#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "diag/printer.h"

using namespace ivcapgen::diag;

namespace {
SourceFilePtr file() {
  return std::make_shared<const SourceFile>("environments/azure-dev.yaml",
                                            "spec:\n  cluster:\n    nodePool:\n      - x\n");
}
}  // namespace

TEST_CASE("text diagnostics are GCC style with the line and a caret") {
  Diagnostic d;
  d.location = {file(), 3, 5, 8};
  d.message = "unknown key 'nodePool' in cluster";
  d.suggestion = "nodePools";
  std::ostringstream out;
  print_text(out, d, {});
  CHECK(out.str() ==
        "environments/azure-dev.yaml:3:5: error: unknown key 'nodePool' in cluster; did you mean "
        "'nodePools'?\n"
        "   3 |     nodePool:\n"
        "     |     ^~~~~~~~\n");
}

TEST_CASE("colour only when asked, and a redacted line is never shown") {
  Diagnostic d;
  d.location = {file(), 3, 5, 8};
  d.message = "secret";
  d.redact_source = true;
  std::ostringstream plain, coloured;
  print_text(plain, d, {false});
  print_text(coloured, d, {true});
  CHECK(plain.str().find("\033[") == std::string::npos);
  CHECK(coloured.str().find("\033[") != std::string::npos);
  CHECK(plain.str().find("nodePool") == std::string::npos);
  CHECK(plain.str().find("not shown") != std::string::npos);
}

TEST_CASE("control characters in messages cannot reach the terminal") {
  Diagnostic d;
  d.message = "bad \033[31m value";
  std::ostringstream out;
  print_text(out, d, {});
  CHECK(out.str().find('\033') == std::string::npos);
}

TEST_CASE("JSON diagnostics carry location, rule and counts") {
  DiagnosticSink sink;
  sink.error({file(), 3, 5, 8}, "unknown key").rule = "decode";
  sink.warning({file(), 1, 1, 1}, "careful");
  std::ostringstream out;
  print_json(out, sink.sorted());
  auto j = nlohmann::json::parse(out.str());
  CHECK(j["errors"] == 1);
  CHECK(j["warnings"] == 1);
  CHECK(j["diagnostics"][0]["line"] == 1);  // sorted by line
  CHECK(j["diagnostics"][1]["rule"] == "decode");
  CHECK(j["diagnostics"][1]["file"] == "environments/azure-dev.yaml");
}

TEST_CASE("exit codes: policy-only errors exit 3, any other error 1") {
  DiagnosticSink sink;
  CHECK(sink.exit_code() == 0);
  sink.warning({}, "w");
  CHECK(sink.exit_code() == 0);
  sink.policy({}, "p");
  CHECK(sink.exit_code() == 3);
  sink.error({}, "e");
  CHECK(sink.exit_code() == 1);
}
