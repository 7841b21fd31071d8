#include <catch2/catch.hpp>

#include "support/yaml_fixture.h"

using namespace ivcapgen;
using testing::describe_all;
using testing::parse_yaml;
using Kind = spec::SourceNode::Kind;
using ScalarType = spec::SourceNode::ScalarType;

TEST_CASE("nodes remember line and column of keys and values") {
  auto p = parse_yaml("spec:\n  cluster:\n    nodePools: [a, b]\n");
  REQUIRE_FALSE(p->sink.has_errors());
  const auto* pools = p->doc().find("spec")->find("cluster")->find("nodePools");
  REQUIRE(pools);
  CHECK(pools->key_location.line == 3);
  CHECK(pools->key_location.column == 5);
  CHECK(pools->key_location.length == 9);
  CHECK(pools->items[1].location.line == 3);
  CHECK(pools->items[1].location.column == 20);
}

TEST_CASE("quoted scalars are strings; plain ones resolve by the core schema") {
  auto p = parse_yaml("a: \"1.32\"\nb: 1.32\nc: true\nd: ~\ne: hello\nf: 0x1F\ng: |\n  text\n");
  const auto& d = p->doc();
  CHECK(d.find("a")->scalar_type() == ScalarType::String);
  CHECK(d.find("b")->scalar_type() == ScalarType::Float);
  CHECK(d.find("c")->scalar_type() == ScalarType::Boolean);
  CHECK(d.find("d")->kind == Kind::Null);
  CHECK(d.find("e")->scalar_type() == ScalarType::String);
  CHECK(d.find("f")->scalar_type() == ScalarType::Integer);
  CHECK(d.find("g")->scalar_type() == ScalarType::String);
}

TEST_CASE("malformed YAML reports the parser's line") {
  auto p = parse_yaml("a: 1\nb: [1, 2\nc: 3\n");
  REQUIRE(p->sink.has_errors());
  CHECK(describe_all(p->sink).find("test.yaml:") == 0);
  CHECK(p->sink.all()[0].message.find("invalid YAML") == 0);
}

TEST_CASE("duplicate keys are errors at the second key") {
  auto p = parse_yaml("a: 1\nb: 2\na: 3\n");
  REQUIRE(p->sink.error_count() == 1);
  const auto& d = p->sink.all()[0];
  CHECK(d.location.line == 3);
  CHECK(d.message == "duplicate key 'a'");
  CHECK(d.note == "first defined at test.yaml:1:1");
}

TEST_CASE("alias bombs are refused within the budget") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = c;
  }
  auto p = parse_yaml(bomb);
  REQUIRE(p->sink.has_errors());
  CHECK(p->sink.all()[0].message.find("alias bomb") != std::string::npos);
}

TEST_CASE("small aliases are expanded") {
  auto p = parse_yaml("base: &b {cpu: 1}\nuse: *b\n");
  REQUIRE_FALSE(p->sink.has_errors());
  CHECK(p->doc().find("use")->find("cpu")->text == "1");
}

TEST_CASE("deep nesting is refused, not a stack overflow") {
  std::string deep(10000, '[');
  deep += std::string(10000, ']');
  auto p = parse_yaml(deep);
  REQUIRE(p->sink.has_errors());
}

TEST_CASE("non-UTF-8 and NUL bytes are reported at their position") {
  auto bad = parse_yaml("a: ok\nb: caf\xe9\n");
  REQUIRE(bad->sink.has_errors());
  CHECK(bad->sink.all()[0].location.line == 2);
  CHECK(bad->sink.all()[0].location.column == 7);
  CHECK(bad->sink.all()[0].message.find("UTF-8") != std::string::npos);
  auto nul = parse_yaml(std::string("a: b\0c\n", 7));
  REQUIRE(nul->sink.has_errors());
  CHECK(nul->sink.all()[0].message.find("NUL") != std::string::npos);
}

TEST_CASE("unsupported tags and complex keys are errors") {
  CHECK(parse_yaml("a: !custom x\n")->sink.has_errors());
  CHECK(parse_yaml("? [a, b]\n: c\n")->sink.has_errors());
}

TEST_CASE("several documents in one file") {
  auto p = parse_yaml("a: 1\n---\nb: 2\n");
  REQUIRE(p->documents.size() == 2);
  CHECK(p->documents[1].find("b")->location.line == 3);
}
