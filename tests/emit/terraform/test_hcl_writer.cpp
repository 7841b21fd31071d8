// The HCL writer (output/hcl_writer.h): literal escaping, fmt's alignment and
// blank-line rules, multi-line expressions; and `terraform fmt -check` over
// a file that exercises all of them (skipped without terraform).
#include <catch2/catch.hpp>

#include "output/hcl_writer.h"
#include "support/test_env.h"
#include "terraform_test_support.h"

using namespace ivcapgen;
using namespace ivcapgen::output::hcl;

namespace {

Expression raw(std::string_view s) {
  return Expression::raw(s);
}

std::string render(const Expression& e) {
  std::string out;
  e.render(out, 0);
  return out;
}

// A file with every construct the root templates use, and a few more.
Body sample_file() {
  Body file;
  file.comment("A header.\n\nTwo paragraphs.");
  file.blank_line();
  Block locals("locals");
  locals.comment("names");
  locals.attribute("name", raw("replace(\"${var.project}-${var.environment}\", \"_\", \"-\")"));
  locals.attribute("a_much_longer_name", Expression::string("tab\there \"quoted\" ${x} %{y}"));
  locals.blank_line();
  locals.attribute(
      "sizes",
      Expression::object({"small", "large-ish", "for"},
                         {Expression::inline_object({"n", "ok"}, {Expression::number(int64_t{1}),
                                                                  Expression::boolean(true)}),
                          Expression::number(2.5), Expression::null()}));
  locals.attribute("list", Expression::list({Expression::string("a"), Expression::string("b")}));
  locals.attribute("empty", Expression::list({}));
  locals.attribute("nested", Expression::list({Expression::object({"k"}, {raw("var.k")})}));
  locals.attribute(
      "pools", Expression::for_list(
                   "p", raw("var.node_pools"),
                   Expression::object({"name", "instance_type"}, {raw("p.name"), raw("p.size")})));
  file.block(std::move(locals));
  Block variable("variable", {"node_pools"});
  variable.attribute("description", Expression::string("pools"));
  variable.attribute(
      "type",
      Expression::call(
          "list",
          {Expression::call(
              "object",
              {Expression::object(
                  {"name", "gpu", "labels", "taints"},
                  {raw("string"),
                   Expression::call(
                       "optional",
                       {Expression::call("object",
                                         {Expression::object({"type", "count"},
                                                             {raw("string"), raw("number")})})}),
                   raw("optional(map(string), {})"),
                   Expression::call(
                       "optional",
                       {Expression::call(
                            "list", {Expression::call(
                                        "object", {Expression::object({"key"}, {raw("string")})})}),
                        raw("[]")})})})}));
  variable.block(Block("validation")
                     .attribute("condition", raw("length(var.node_pools) > 0"))
                     .attribute("error_message", Expression::string("need a pool")));
  file.block(std::move(variable));
  Block provider("provider", {"azurerm"});
  provider.block(Block("features"));
  provider.comment("after a block");
  provider.attribute("storage_use_azuread", Expression::boolean(true));
  file.block(std::move(provider));
  return file;
}

}  // namespace

TEST_CASE("hcl: string literals are escaped and never interpolated") {
  CHECK(quote("plain") == "\"plain\"");
  CHECK(quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(quote("${var.x}") == "\"$${var.x}\"");
  CHECK(quote("%{if x}") == "\"%%{if x}\"");
  CHECK(quote("$$${x}") == "\"$$$${x}\"");
  CHECK(quote("cost: $5 and 50%") == "\"cost: $5 and 50%\"");
  CHECK(quote("line\nnext\r\t") == "\"line\\nnext\\r\\t\"");
  CHECK(quote(std::string("nul\0bell\x07", 9)) == "\"nul\\u0000bell\\u0007\"");
  CHECK(quote("h\xc3\xa9llo") == "\"h\xc3\xa9llo\"");
}

TEST_CASE("hcl: scalars, lists and objects") {
  CHECK(render(Expression::number(int64_t{-3})) == "-3");
  CHECK(render(Expression::number(0.25)) == "0.25");
  CHECK_THROWS(Expression::number(std::numeric_limits<double>::infinity()));
  CHECK(render(Expression::boolean(false)) == "false");
  CHECK(render(Expression::null()) == "null");
  CHECK(render(Expression::list({})) == "[]");
  CHECK(render(Expression::list({Expression::string("a"), raw("var.b")})) == "[\"a\", var.b]");
  CHECK(render(Expression::object({}, {})) == "{}");
  CHECK(render(Expression::inline_object({"a", "managed-by", "null"},
                                         {Expression::number(int64_t{1}), Expression::string("x"),
                                          Expression::boolean(true)})) ==
        "{ a = 1, \"managed-by\" = \"x\", \"null\" = true }");
  CHECK(render(Expression::object({"a", "bbb"}, {raw("1"), raw("2")})) ==
        "{\n  a   = 1\n  bbb = 2\n}");
  CHECK(render(Expression::list({Expression::object({"a"}, {raw("1")})})) ==
        "[\n  {\n    a = 1\n  },\n]");
  CHECK_THROWS(Expression::inline_object({"a"}, {Expression::object({"b"}, {raw("1")})}));
  CHECK_THROWS(Expression::raw("two\nlines"));
  CHECK_THROWS(Expression::call(
      "f", {Expression::object({"a"}, {raw("1")}), Expression::object({"b"}, {raw("2")})}));
  CHECK_THROWS(Block("not an identifier"));
  CHECK_THROWS(Body().attribute("1x", raw("1")));
}

TEST_CASE("hcl: attributes align like terraform fmt, broken by comments, blanks and blocks") {
  Body body;
  body.attribute("a", raw("1"));
  body.attribute("long_name", raw("2"));
  body.attribute("multi", Expression::object({"x"}, {raw("1")}));
  body.attribute("bb", raw("3"));
  body.comment("a comment ends a run");
  body.attribute("cccc", raw("4"));
  body.attribute("d", raw("5"));
  body.blank_line();
  body.blank_line();
  body.attribute("e", raw("6"));
  body.block(Block("inner").attribute("x", raw("1")));
  body.attribute("f", raw("7"));
  CHECK(to_hcl(body) ==
        "a         = 1\n"
        "long_name = 2\n"
        "multi = {\n"
        "  x = 1\n"
        "}\n"
        "bb = 3\n"
        "# a comment ends a run\n"
        "cccc = 4\n"
        "d    = 5\n"
        "\n"
        "e = 6\n"
        "\n"
        "inner {\n"
        "  x = 1\n"
        "}\n"
        "\n"
        "f = 7\n");
}

TEST_CASE("hcl: blocks, labels, empty blocks and comments attached to blocks") {
  Body file;
  file.comment("about the block");
  file.block(Block("terraform").block(Block("backend", {"local"})));
  file.block(Block("module", {"a\"b"}).attribute("source", Expression::string("./modules/a")));
  CHECK(to_hcl(file) ==
        "# about the block\n"
        "terraform {\n"
        "  backend \"local\" {}\n"
        "}\n"
        "\n"
        "module \"a\\\"b\" {\n"
        "  source = \"./modules/a\"\n"
        "}\n");
}

TEST_CASE("hcl: multi-line calls and for expressions indent one level per line") {
  std::string text = to_hcl(sample_file());
  CHECK(text.find("  type = list(object({\n"
                  "    name = string\n"
                  "    gpu = optional(object({\n"
                  "      type  = string\n"
                  "      count = number\n"
                  "    }))\n"
                  "    labels = optional(map(string), {})\n"
                  "    taints = optional(list(object({\n"
                  "      key = string\n"
                  "    })), [])\n"
                  "  }))\n") != std::string::npos);
  CHECK(text.find("  pools = [\n"
                  "    for p in var.node_pools : {\n"
                  "      name          = p.name\n"
                  "      instance_type = p.size\n"
                  "    }\n"
                  "  ]\n") != std::string::npos);
  CHECK(text.find("# A header.\n#\n# Two paragraphs.\n\nlocals {\n") == 0);
  CHECK(text.back() == '\n');
}

TEST_CASE("hcl: terraform fmt leaves generated files unchanged", "[terraform]") {
  auto terraform = testing::TerraformTool::find();
  if (!terraform) IVCAPGEN_SKIP("terraform is not on PATH");
  testing::TempDir dir;
  testing::write_file(dir / "sample.tf", to_hcl(sample_file()));
  auto r = terraform->run({"fmt", "-check", "-diff", "-no-color", "sample.tf"}, dir.path());
  INFO(r.out << r.err);
  CHECK(r.ok());
}
