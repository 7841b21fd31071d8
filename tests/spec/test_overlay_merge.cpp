#include <catch2/catch.hpp>

#include "spec/overlay_merge.h"
#include "support/yaml_fixture.h"

using namespace ivcapgen;
using testing::parse_yaml;

namespace {
spec::SourceNode merged(const std::string& base, const std::string& patch,
                        diag::DiagnosticSink* sink_out = nullptr) {
  auto b = parse_yaml(base, "env.yaml");
  auto p = parse_yaml(patch, "overlay.yaml");
  spec::SourceNode out = b->doc();
  diag::DiagnosticSink sink;
  spec::strategic_merge(out, p->doc(), sink);
  if (sink_out) sink_out->append(sink);
  return out;
}
}  // namespace

TEST_CASE("maps merge recursively and remember the overlay line") {
  auto m = merged("runtime:\n  gateway: {replicas: 1}\n  dispatcher: {replicas: 1}\n",
                  "runtime:\n  gateway:\n    replicas: 3\n");
  const auto* replicas = m.find("runtime")->find("gateway")->find("replicas");
  CHECK(replicas->text == "3");
  CHECK(replicas->location.path() == "overlay.yaml");
  CHECK(replicas->location.line == 3);
  CHECK(m.find("runtime")->find("dispatcher")->find("replicas")->location.path() == "env.yaml");
}

TEST_CASE("lists of named maps merge by name; other lists replace") {
  auto m = merged("pools:\n  - {name: a, min: 1}\n  - {name: b, min: 1}\ntags: [x, y]\n",
                  "pools:\n  - {name: b, min: 5}\n  - {name: c, min: 0}\ntags: [z]\n");
  const auto& pools = m.find("pools")->items;
  REQUIRE(pools.size() == 3);
  CHECK(pools[0].find("min")->text == "1");
  CHECK(pools[1].find("min")->text == "5");
  CHECK(pools[2].find("name")->text == "c");
  REQUIRE(m.find("tags")->items.size() == 1);
  CHECK(m.find("tags")->items[0].text == "z");
}

TEST_CASE("null deletes a key; $patch: replace replaces a map whole") {
  auto m =
      merged("a: {x: 1, y: 2}\nb: {x: 1, y: 2}\n", "a: {y: null}\nb: {$patch: replace, z: 3}\n");
  CHECK(m.find("a")->find("x"));
  CHECK_FALSE(m.find("a")->find("y"));
  CHECK_FALSE(m.find("b")->find("x"));
  CHECK(m.find("b")->find("z")->text == "3");
  CHECK_FALSE(m.find("b")->find("$patch"));
}

TEST_CASE("an unknown $patch directive is an error at its line") {
  diag::DiagnosticSink sink;
  merged("a: {x: 1}\n", "a:\n  $patch: delete\n", &sink);
  REQUIRE(sink.error_count() == 1);
  CHECK(sink.all()[0].location.line == 2);
}
