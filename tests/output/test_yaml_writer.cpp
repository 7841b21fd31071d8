#include <catch2/catch.hpp>

#include "output/yaml_writer.h"
#include "support/yaml_fixture.h"

using namespace ivcapgen;
using output::Json;
using output::to_yaml;

TEST_CASE("block style with stable key order") {
  Json j = {{"apiVersion", "v1"},
            {"kind", "ConfigMap"},
            {"metadata", {{"name", "x"}, {"labels", {{"a", "b"}}}}},
            {"data", {{"k", "v"}}},
            {"list", {1, "two", {{"name", "n"}, {"value", true}}}},
            {"empty", Json::object()},
            {"none", Json::array()}};
  CHECK(to_yaml(j) ==
        "apiVersion: v1\n"
        "kind: ConfigMap\n"
        "metadata:\n"
        "  name: x\n"
        "  labels:\n"
        "    a: b\n"
        "data:\n"
        "  k: v\n"
        "list:\n"
        "- 1\n"
        "- two\n"
        "- name: 'n'\n"
        "  value: true\n"
        "empty: {}\n"
        "none: []\n");
}

TEST_CASE("strings that would change type are quoted") {
  for (std::string s :
       {"1.32", "true", "yes",   "no",    "on",     "off", "null", "~",    "",    "0x1F",
        "1e3",  "01",   "1_000", "12:30", ".5",     "-1",  "- x",  "a: b", "#x",  "*x",
        "&a",   "!tag", "x #c",  " lead", "trail ", "{}",  "[a]",  "@x",   "`x`", "%x"}) {
    INFO(s);
    CHECK(output::needs_quotes(s));
  }
  for (std::string s : {"ivcap", "500m", "1Gi", "alpine:3.7", "a-b", "http://x/y", "v1.20.3",
                        "x{{workflow.parameters.x}}"}) {
    INFO(s);
    CHECK_FALSE(output::needs_quotes(s));
  }
}

TEST_CASE("every scalar round-trips through a YAML reader with its type") {
  Json j = {{"s1", "1.32"},
            {"s2", "yes"},
            {"s3", "it's"},
            {"s4", "tab\there"},
            {"s5", "a\"b\\c"},
            {"s6", "line1\nline2\n"},
            {"s7", "no trailing\nnewline"},
            {"s8", " starts with space\nx"},
            {"s9", "ctrl\x01"},
            {"n", 42},
            {"f", 0.5},
            {"b", false},
            {"z", nullptr},
            {"u", "ünïcode"}};
  std::string text = to_yaml(j);
  auto parsed = testing::parse_yaml(text);
  REQUIRE_FALSE(parsed->sink.has_errors());
  const auto& d = parsed->doc();
  using T = spec::SourceNode::ScalarType;
  for (const char* key : {"s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "u"}) {
    INFO(key << " in\n" << text);
    REQUIRE(d.find(key));
    CHECK(d.find(key)->scalar_type() == T::String);
    CHECK(d.find(key)->text == j[key].get<std::string>());
  }
  CHECK(d.find("n")->scalar_type() == T::Integer);
  CHECK(d.find("f")->scalar_type() == T::Float);
  CHECK(d.find("b")->scalar_type() == T::Boolean);
  CHECK(d.find("z")->is_null());
}

TEST_CASE("multi-line text uses a block literal") {
  std::string text = to_yaml(Json{{"script", "echo a\necho b\n"}});
  CHECK(text == "script: |\n  echo a\n  echo b\n");
}

TEST_CASE("documents are separated by ---") {
  CHECK(output::to_yaml_documents({Json{{"a", 1}}, Json{{"b", 2}}}) == "a: 1\n---\nb: 2\n");
}
