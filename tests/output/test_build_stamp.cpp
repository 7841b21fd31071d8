// The build stamp: what a build read and wrote, and when it is still current.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>

#include "output/build_stamp.h"
#include "support/test_env.h"

using namespace ivcapgen;
using namespace ivcapgen::testing;
using output::BuildStamp;
namespace fs = std::filesystem;

namespace {

// Dates a file a minute back: a file changed as the build starts is never
// trusted (see BuildStamp::record), and tests write theirs just before.
void backdate(const fs::path& p) {
  fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::minutes(1));
}

struct Scene {
  TempDir dir;
  fs::path input = dir / "in/a.yaml";
  fs::path out = dir / "out/env";
  Scene() {
    write_file(input, "a: 1\n");
    write_file(out / "k8s/x.yaml", "kind: X\n");
    write_file(out / "manifest.json", "{}\n");
    backdate(input);
    backdate(dir / "in");
  }
  BuildStamp record() const {
    return BuildStamp::record("key", "warning: w\n", {fs::absolute(input).string()},
                              {fs::absolute(dir / "in").string()}, out, output::wall_clock_ns());
  }
};

}  // namespace

TEST_CASE("a stamp lives beside its output directory and reads back") {
  Scene s;
  CHECK(BuildStamp::location(s.out) == fs::absolute(s.dir / "out/.env.ivcapgen-stamp"));
  CHECK(BuildStamp::location(s.out / "") == BuildStamp::location(s.out));
  REQUIRE(s.record().write(s.out));
  auto back = BuildStamp::read(s.out);
  REQUIRE(back);
  CHECK(back->key == "key");
  CHECK(back->diagnostics == "warning: w\n");
  CHECK(back->inputs == s.record().inputs);
  CHECK(back->outputs.size() == 4);  // ., k8s, k8s/x.yaml, manifest.json
  CHECK(back->current("key", s.out));
  CHECK_FALSE(back->current("other key", s.out));
}

TEST_CASE("a changed, added or removed input makes the stamp stale") {
  Scene s;
  REQUIRE(s.record().write(s.out));
  SECTION("edited") {
    write_file(s.input, "a: 2\n");
  }
  SECTION("new file in a listed folder") {
    write_file(s.dir / "in/b.yaml", "b: 1\n");
  }
  SECTION("removed") {
    fs::remove(s.input);
  }
  CHECK_FALSE(BuildStamp::read(s.out)->current("key", s.out));
}

TEST_CASE("a touched, added or removed output makes the stamp stale") {
  Scene s;
  REQUIRE(s.record().write(s.out));
  SECTION("edited by hand") {
    std::ofstream(s.out / "k8s/x.yaml", std::ios::app) << "# edited\n";
  }
  SECTION("stray file") {
    write_file(s.out / "k8s/stray.yaml", "");
  }
  SECTION("removed") {
    fs::remove(s.out / "manifest.json");
  }
  SECTION("whole directory replaced") {
    fs::remove_all(s.out);
    write_file(s.out / "k8s/x.yaml", "kind: X\n");
    write_file(s.out / "manifest.json", "{}\n");
  }
  CHECK_FALSE(BuildStamp::read(s.out)->current("key", s.out));
}

TEST_CASE("an input modified while the build ran is never trusted") {
  Scene s;
  write_file(s.input, "a: 3\n");  // mtime now: at or after the build's start
  auto stamp = BuildStamp::record("key", "", {fs::absolute(s.input).string()}, {}, s.out,
                                  output::wall_clock_ns() - 1'000'000);
  CHECK(stamp.inputs[0].size == -2);
  REQUIRE(stamp.write(s.out));
  CHECK_FALSE(BuildStamp::read(s.out)->current("key", s.out));
}

TEST_CASE("a damaged or foreign stamp is ignored, not trusted") {
  Scene s;
  REQUIRE(s.record().write(s.out));
  std::string good = read_file(BuildStamp::location(s.out));
  REQUIRE(BuildStamp::read(s.out));
  // Every truncation, and a few edits, of a good stamp.
  std::vector<std::string> bad = {"{\"format\": 1}", good + "x", good + "\n"};
  for (size_t n = 0; n < good.size(); ++n) bad.push_back(good.substr(0, n));
  std::string huge_count = good;
  huge_count.replace(huge_count.rfind("\n4\n") + 1, 1, "99999999999999999999");
  bad.push_back(huge_count);
  for (const auto& text : bad) {
    write_file(BuildStamp::location(s.out), text);
    INFO(text);
    CHECK_FALSE(BuildStamp::read(s.out));
  }
  CHECK_FALSE(BuildStamp::read(s.dir / "nowhere"));
}
