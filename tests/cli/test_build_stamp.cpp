// `build` skips the compile when nothing it read or wrote changed since the
// last build of the same output, and says so; --check and --force do not.
#include <catch2/catch.hpp>

#include <chrono>

#include "support/cli_fixture.h"

using namespace ivcapgen::testing;
namespace fs = std::filesystem;

namespace {

// Inputs written just before a build are not trusted by its stamp (they
// may have changed while it read them); these are dated a minute back.
void backdate_all(const fs::path& dir) {
  auto then = fs::file_time_type::clock::now() - std::chrono::minutes(1);
  for (const auto& e : fs::recursive_directory_iterator(dir)) fs::last_write_time(e.path(), then);
  fs::last_write_time(dir, then);
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

struct Project {
  EnvTree t;
  std::string env;
  std::string out = (t / "out/test").string();
  Project() {
    t.write("svc/a.yaml", basic_service("alpha"));
    // service.1 is migrated with a warning: something to replay.
    t.write("svc/b.yaml",
            "$schema: urn:ivcap:schema:service.1\nname: beta\n"
            "description: A legacy service kept to show the migration warning, at length.\n"
            "workflow:\n  type: basic\n  basic:\n    image: alpine:3.19\n    command: [echo]\n");
    env = t.environment("  provider: local\n  services: [svc/*.yaml]\n");
    backdate_all(t.path());
  }
  CliResult build(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{"build", env, "-o", out, "--color", "never"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cli(args);
  }
};

}  // namespace

TEST_CASE("an unchanged rebuild is skipped, replaying the first build's warnings") {
  Project p;
  auto first = p.build();
  REQUIRE(first.code == 0);
  INFO(first.err);
  REQUIRE(contains(first.err, "built " + p.out + ":"));
  std::string warnings = first.err.substr(0, first.err.find("built " + p.out + ":"));
  auto second = p.build();
  CHECK(second.code == 0);
  CHECK(contains(second.err, "is up to date: none of its 3 input files changed"));
  CHECK_FALSE(contains(second.err, "built " + p.out + ":"));
  CHECK(second.err.substr(0, second.err.find(p.out)) == warnings);
}

TEST_CASE("an edited service, a new service file or a hand-edited output rebuilds") {
  Project p;
  REQUIRE(p.build().code == 0);
  SECTION("edited service") {
    p.t.write("svc/a.yaml", basic_service("alpha", "  args: [x]\n"));
    auto r = p.build();
    CHECK(contains(r.err, "built " + p.out + ":"));
    CHECK(contains(r.err, "written"));
  }
  SECTION("new service file") {
    p.t.write("svc/c.yaml", basic_service("gamma"));
    CHECK(contains(p.build().err, "built " + p.out + ":"));
    CHECK(fs::exists(fs::path(p.out) / "catalog/gamma.json"));
  }
  SECTION("output edited by hand is restored") {
    write_file(fs::path(p.out) / "manifest.json", "{}");
    auto r = p.build();
    CHECK(contains(r.err, "(1 written"));
  }
}

TEST_CASE("build ignores the stamp with --force and --check") {
  Project p;
  REQUIRE(p.build().code == 0);
  CHECK(contains(p.build({"--force"}).err, "built " + p.out + ":"));
  auto check = p.build({"--check"});
  CHECK(check.code == 0);
  CHECK(contains(check.err, "is up to date\n"));
  CHECK_FALSE(fs::exists(fs::path(p.out + ".ivcapgen-stamp")));
}
