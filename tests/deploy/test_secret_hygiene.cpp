// Secret hygiene (SPEC 3): every secret value the test fixtures hold — the
// sensitive Terraform outputs and plan attributes, the registration token —
// must appear in no output and no log of any shipped environment: not in
// out/<env>/, not in what build/validate/plan/apply print, not in the
// deploy state or anything else written below the scratch directory.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "deploy/deploy_commands.h"
#include "deploy_fixture.h"
#include "support/cli_fixture.h"

using namespace ivcapgen;
using namespace ivcapgen::testing;

namespace {

constexpr const char* kToken = "s3cr3t-registration-token";

// The values of sensitive Terraform outputs (`sensitive: true`) and of plan
// attributes marked in before_sensitive/after_sensitive, anywhere in `j`.
void collect_sensitive(const Json& j, std::set<std::string>& out) {
  if (j.is_object()) {
    if (j.contains("sensitive") && j["sensitive"] == true && j.contains("value") &&
        j["value"].is_string()) {
      out.insert(j["value"].get<std::string>());
    }
    for (const char* side : {"before", "after"}) {
      const std::string mask = std::string(side) + "_sensitive";
      if (!j.contains(side) || !j.contains(mask) || !j[mask].is_object()) continue;
      for (const auto& [key, flag] : j[mask].items()) {
        if (flag == true && j[side].contains(key) && j[side][key].is_string()) {
          out.insert(j[side][key].get<std::string>());
        }
      }
    }
  }
  if (j.is_structured()) {
    for (const auto& child : j) collect_sensitive(child, out);
  }
}

std::set<std::string> fixture_secrets() {
  std::set<std::string> secrets{kToken};
  for (const auto& e : fs::recursive_directory_iterator(source_dir() / "tests" / "fixtures")) {
    if (!e.is_regular_file()) continue;
    // .json files are one document, .jsonl one per line; others parse as nothing.
    std::istringstream text(read_file(e.path()));
    std::string doc;
    const char end = e.path().extension() == ".jsonl" ? '\n' : '\0';
    while (std::getline(text, doc, end)) {
      Json j = Json::parse(doc, nullptr, false);
      if (!j.is_discarded()) collect_sensitive(j, secrets);
    }
  }
  return secrets;
}

// Every file below `dir`, as (path, content).
std::vector<std::pair<std::string, std::string>> files_below(const fs::path& dir) {
  std::vector<std::pair<std::string, std::string>> files;
  if (!fs::exists(dir)) return files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.emplace_back(e.path().string(), read_file(e.path()));
  }
  return files;
}

void check_clean(const std::string& where, const std::string& text,
                 const std::set<std::string>& secrets) {
  for (const auto& s : secrets) {
    INFO(where << " contains the secret value '" << s << "'");
    CHECK(text.find(s) == std::string::npos);
  }
}

}  // namespace

TEST_CASE("no fixture secret appears in any output or log of a shipped environment",
          "[deploy][secrets]") {
  const std::set<std::string> secrets = fixture_secrets();
  // The fixtures do hold secrets: the scan below is not vacuous.
  REQUIRE(secrets.size() >= 4);
  REQUIRE(secrets.count("hunter2-do-not-print") == 1);
  REQUIRE(secrets.count("new-secret-pw") == 1);

  for (const char* name : {"local", "azure-dev", "aws-prod"}) {
    TempDir out;
    auto validated = run_cli({"validate", name, "--color", "never"});
    auto built = run_cli({"build", name, "-o", (out / name).string()});
    INFO(name << ": " << built.err);
    REQUIRE(built.code == 0);
    check_clean(std::string(name) + " validate log", validated.out + validated.err, secrets);
    check_clean(std::string(name) + " build log", built.out + built.err, secrets);
    size_t n = 0;
    for (const auto& [path, content] : files_below(out.path())) {
      check_clean(path, content, secrets);
      ++n;
    }
    CHECK(n > 3);
  }

  // aws-prod deployed against the recorded tool output that holds them.
  AwsProd env;
  FakeGateway gateway;
  tools::ScriptedRunner runner(env.full_apply());
  CapturedIo io;
  io.io.verbose = true;
  auto request = env.request();
  request.options.gateway_url = gateway.url();
  request.options.token = kToken;
  REQUIRE(deploy::apply_environment(*env.built.model, request, io.io, runner) == 0);
  CHECK(runner.verify() == "");
  check_clean("apply stdout", io.out.str(), secrets);
  check_clean("apply stderr", io.err.str(), secrets);
  for (const auto& [path, content] : files_below(env.tmp.path()))
    check_clean(path, content, secrets);
  for (const auto& r : gateway.requests()) check_clean("registration " + r.path, r.body, secrets);
}
