// Hostile and malformed inputs: each gets a clear diagnostic at the right
// line, exit 1, no crash, no hang (each well under 2 s).
#include <catch2/catch.hpp>

#include <chrono>

#include "support/cli_fixture.h"

using namespace ivcapgen::testing;
namespace fs = std::filesystem;

namespace {

struct Timed {
  CliResult r;
  double seconds;
};

Timed validate(const std::string& env) {
  auto start = std::chrono::steady_clock::now();
  CliResult r = run_cli({"validate", env, "--color", "never"});
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {r, s};
}

void expect_error_at(const Timed& t, const std::string& where, const std::string& text) {
  INFO(t.r.err);
  CHECK(t.r.code == 1);
  CHECK(t.seconds < 2.0);
  CHECK(t.r.err.find(where + ": error: ") != std::string::npos);
  CHECK(t.r.err.find(text) != std::string::npos);
}

}  // namespace

TEST_CASE("malformed YAML points at the parser's line") {
  EnvTree t;
  t.write("environment.yaml",
          "apiVersion: ivcapgen/v1\nkind: Environment\nmetadata: {name: x\nspec: {}\n");
  expect_error_at(validate((t / "environment.yaml").string()), "environment.yaml:4:5",
                  "invalid YAML");
}

TEST_CASE("wrong types name the expected type") {
  EnvTree t;
  auto env = t.environment("  provider: local\n  cluster:\n    kubernetesVersion: 1.30\n");
  expect_error_at(validate(env), "environment.yaml:8:24",
                  "expected a string for kubernetesVersion, got a number (1.30)");
  auto env2 = t.environment("  provider: local\n  runtime: {gateway: {replicas: three}}\n");
  expect_error_at(validate(env2), "environment.yaml:7:33", "expected an integer for replicas");
}

TEST_CASE("unknown keys get did-you-mean, and all errors are collected") {
  EnvTree t;
  auto env = t.environment(
      "  provider: local\n  cluster:\n    nodePool: []\n  namespace: {services: x}\n");
  auto r = validate(env);
  expect_error_at(r, "environment.yaml:8:5",
                  "unknown key 'nodePool' in cluster; did you mean 'nodePools'?");
  CHECK(r.r.err.find("environment.yaml:9:3: error: unknown key 'namespace' in spec; did you mean "
                     "'namespaces'?") != std::string::npos);
  CHECK(r.r.err.find("   8 |     nodePool: []\n     |     ^~~~~~~~") != std::string::npos);
}

TEST_CASE("empty files, directories and missing files") {
  EnvTree t;
  t.write("empty.yaml", "");
  expect_error_at(validate((t / "empty.yaml").string()), "empty.yaml:1:1", "is empty");
  fs::create_directories(t / "dir.yaml");
  auto dir = validate((t / "dir.yaml").string());
  CHECK(dir.r.code == 1);
  CHECK(dir.r.err.find("is a directory") != std::string::npos);
  auto env = t.environment("  provider: local\n  overlays: [missing.yaml]\n");
  expect_error_at(validate(env), "environment.yaml:7:14", "missing.yaml': no such file");
  t.write("svc/empty.yaml", "# nothing\n");
  auto env2 = t.environment("  provider: local\n  services: [svc/*.yaml]\n");
  expect_error_at(validate(env2), "empty.yaml:1:1", "is empty");
}

TEST_CASE("non-UTF-8 input") {
  EnvTree t;
  auto env = t.environment("  provider: local\n  project: caf\xe9\n");
  expect_error_at(validate(env), "environment.yaml:7:15", "not valid UTF-8");
}

TEST_CASE("alias bombs are rejected beyond a small expansion budget") {
  EnvTree t;
  std::string bomb = "  provider: local\n  drift:\n    ignore: &a0 [\"Deployment/*:/x\"]\n";
  std::string text =
      "apiVersion: ivcapgen/v1\nkind: Environment\nmetadata: {name: x}\nx0: &b0 [a, a, a, a, a, a, "
      "a, a, a, a]\n";
  for (int i = 1; i < 12; ++i) {
    // Appended piecewise: "x" + std::to_string() trips GCC 12's -Wrestrict at -O3.
    const std::string n = std::to_string(i), prev = std::to_string(i - 1);
    text.append("x").append(n).append(": &b").append(n).append(" [");
    for (int k = 0; k < 10; ++k) text.append(k ? ", *b" : "*b").append(prev);
    text += "]\n";
  }
  text += "spec:\n" + bomb;
  t.write("environment.yaml", text);
  auto r = validate((t / "environment.yaml").string());
  expect_error_at(r, "environment.yaml:7:45", "alias bomb");
}

TEST_CASE("10,000-deep nesting") {
  EnvTree t;
  std::string text = "apiVersion: ivcapgen/v1\nkind: Environment\nmetadata: {name: x}\nspec: ";
  text += std::string(10000, '[') + std::string(10000, ']') + "\n";
  t.write("environment.yaml", text);
  auto r = validate((t / "environment.yaml").string());
  CHECK(r.r.code == 1);
  CHECK(r.seconds < 2.0);
  CHECK(r.r.err.find("environment.yaml:4:") != std::string::npos);
}

TEST_CASE("a 50 MB file is refused before it is read") {
  EnvTree t;
  std::string big =
      "apiVersion: ivcapgen/v1\nkind: Environment\nmetadata: {name: x}\nspec:\n  provider: "
      "local\n#";
  big.append(50u << 20, 'x');
  t.write("environment.yaml", big);
  auto r = validate((t / "environment.yaml").string());
  CHECK(r.r.code == 1);
  CHECK(r.seconds < 2.0);
  CHECK(r.r.err.find("over the 16 MiB input limit") != std::string::npos);
}

TEST_CASE("names with ../ or shell metacharacters are refused") {
  EnvTree t;
  auto env = t.environment("  provider: local\n  services: [svc/*.yaml]\n");
  t.write("svc/a.yaml", basic_service("../../etc/passwd"));
  t.write("svc/b.yaml", basic_service("x$(reboot)"));
  t.write("svc/c.yaml",
          basic_service("good-name")
              .replace(basic_service("good-name").find("alpine:3.19"), 11, "alpine;rm -rf /"));
  auto r = validate(env);
  CHECK(r.r.code == 1);
  CHECK(r.r.err.find("a.yaml:2:7: error: invalid service name '../../etc/passwd'") !=
        std::string::npos);
  CHECK(r.r.err.find("b.yaml:2:7: error: invalid service name 'x$(reboot)'") != std::string::npos);
  CHECK(r.r.err.find("c.yaml:6:10: error: invalid image reference 'alpine;rm -rf /'") !=
        std::string::npos);
}

TEST_CASE("paths and globs that escape the root are errors") {
  EnvTree t;
  auto env =
      t.environment("  provider: local\n  services: [../*.yaml]\n  overlays: [/etc/hostname]\n");
  auto r = validate(env);
  CHECK(r.r.code == 1);
  CHECK(r.r.err.find("environment.yaml:7:14: error: ") != std::string::npos);
  CHECK(r.r.err.find("is outside the root") != std::string::npos);
  CHECK(r.r.err.find("environment.yaml:8:14: error: '/etc/hostname' is outside the root") !=
        std::string::npos);
}

TEST_CASE("a symlink in a service glob pointing outside the root is refused") {
  EnvTree t;
  TempDir outside;
  write_file(outside / "evil.yaml", basic_service("evil"));
  fs::create_directories(t / "svc");
  fs::create_symlink(outside / "evil.yaml", t / "svc/evil.yaml");
  auto env = t.environment("  provider: local\n  services: [svc/*.yaml]\n");
  auto r = validate(env);
  CHECK(r.r.code == 1);
  CHECK(r.r.err.find("is outside the root") != std::string::npos);
  CHECK(r.r.err.find("evil' ") == std::string::npos);
}

TEST_CASE("literal secrets are policy errors (exit 3) and never echoed") {
  EnvTree t;
  auto env = t.environment("  provider: local\n  secrets:\n    api-key: hunter2-very-secret\n");
  auto r = validate(env);
  CHECK(r.r.code == 3);
  CHECK(r.r.err.find("hunter2") == std::string::npos);
  CHECK(r.r.err.find("error [policy]: secret 'api-key' is given as a literal value") !=
        std::string::npos);
}
