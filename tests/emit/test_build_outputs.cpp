// Whole-build properties: golden files, determinism, no absolute paths, and
// the shared strict checkers (Kubernetes/Argo schemas, Pod Security
// restricted, Helm chart values) over every shipped environment.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <set>

#include "support/build_fixture.h"
#include "support/cli_fixture.h"

using namespace ivcapgen;
using namespace ivcapgen::testing;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kShipped = {"local", "azure-dev", "aws-prod"};

// terraform/modules/ is modules/<provider> verbatim, and main.tf,
// variables.tf and outputs.tf are the contract's reference renderings in
// tests/modules/<provider>-example (both checked by tests/emit/terraform):
// the goldens leave them out rather than keep a third copy.
bool in_golden(const std::string& path) {
  return !path.starts_with("terraform/modules/") && path != "terraform/main.tf" &&
         path != "terraform/variables.tf" && path != "terraform/outputs.tf";
}

output::OutputTree golden_part(const output::OutputTree& tree) {
  output::OutputTree part;
  for (const auto& [path, file] : tree.files()) {
    if (in_golden(path)) part.add_text(path, file.wave, file.content);
  }
  return part;
}

bool update_golden() {
  const char* v = std::getenv("IVCAPGEN_UPDATE_GOLDEN");
  return v && *v && std::string_view(v) != "0";
}

}  // namespace

TEST_CASE("golden output of every shipped environment") {
  for (const auto& env : kShipped) {
    Built b = build_environment(env);
    INFO(env);
    REQUIRE_FALSE(b.sink.has_errors());
    fs::path golden = source_dir() / "tests/golden" / env;
    if (update_golden()) {
      write_tree(golden_part(b.tree), golden);
      continue;
    }
    REQUIRE(fs::is_directory(golden));
    std::set<std::string> expected;
    for (auto& e : fs::recursive_directory_iterator(golden)) {
      if (e.is_regular_file())
        expected.insert(e.path().lexically_relative(golden).generic_string());
    }
    std::set<std::string> actual;
    const output::OutputTree part = golden_part(b.tree);
    for (const auto& [path, file] : part.files()) {
      actual.insert(path);
      INFO(path << " (regenerate with IVCAPGEN_UPDATE_GOLDEN=1 and review the diff)");
      REQUIRE(expected.count(path));
      CHECK(read_file(golden / path) == file.content);
    }
    CHECK(actual == expected);
  }
}

TEST_CASE("builds are deterministic: twice, and from another working directory") {
  for (const auto& env : kShipped) {
    INFO(env);
    Built a = build_environment(env);
    Built b = build_environment(env);
    REQUIRE_FALSE(a.sink.has_errors());
    REQUIRE(a.tree.files().size() == b.tree.files().size());
    for (const auto& [path, file] : a.tree.files())
      CHECK(b.tree.find(path)->content == file.content);

    TempDir elsewhere;
    auto cwd = fs::current_path();
    fs::current_path(elsewhere.path());
    Built c = build_environment((source_dir() / "environments" / (env + ".yaml")).string());
    fs::current_path(cwd);
    REQUIRE_FALSE(c.sink.has_errors());
    for (const auto& [path, file] : a.tree.files())
      CHECK(c.tree.find(path)->content == file.content);
  }
}

TEST_CASE("one worker and several build the same bytes and report the same diagnostics") {
  // Forty service files (some with warnings, one broken) so that the
  // service files and the emitters are spread over the workers.
  EnvTree t;
  auto env = t.environment("  provider: local\n  services: [svc/*.yaml]\n");
  for (int i = 0; i < 40; ++i) {
    std::string name = "svc-" + std::to_string(i);
    t.write("svc/" + name + ".yaml",
            i % 7 == 3 ? basic_service(name, "  unknownField: 1\n") : basic_service(name));
  }
  auto with_jobs = [&](const char* jobs) {
    ::setenv("IVCAPGEN_JOBS", jobs, 1);
    Built b = build_environment(env);
    ::unsetenv("IVCAPGEN_JOBS");
    return b;
  };
  Built one = with_jobs("1");
  Built four = with_jobs("4");
  REQUIRE(one.sink.all().size() == four.sink.all().size());
  CHECK(one.sink.error_count() == 6);
  for (size_t i = 0; i < one.sink.all().size(); ++i) {
    CHECK(one.sink.all()[i].message == four.sink.all()[i].message);
    CHECK(one.sink.all()[i].location.to_string() == four.sink.all()[i].location.to_string());
  }
  for (const auto& file : {"svc/svc-3.yaml", "svc/svc-10.yaml"}) {
    t.write(file, basic_service(fs::path(file).stem().string()));
  }
  for (int i : {17, 24, 31, 38}) {
    std::string name = "svc-" + std::to_string(i);
    t.write("svc/" + name + ".yaml", basic_service(name));
  }
  one = with_jobs("1");
  four = with_jobs("4");
  REQUIRE_FALSE(one.sink.has_errors());
  REQUIRE(one.tree.files().size() == four.tree.files().size());
  CHECK(one.tree.files().size() > 80);
  for (const auto& [path, file] : one.tree.files()) {
    INFO(path);
    REQUIRE(four.tree.find(path));
    CHECK(four.tree.find(path)->content == file.content);
  }
}

TEST_CASE("output holds no absolute paths, host names or timestamps") {
  std::string repo = source_dir().string();
  for (const auto& env : kShipped) {
    Built b = build_environment(env);
    for (const auto& [path, file] : b.tree.files()) {
      INFO(env << ": " << path);
      CHECK(file.content.find(repo) == std::string::npos);
      CHECK(file.content.find("/tmp/") == std::string::npos);
      CHECK(file.content.find("/root") == std::string::npos);
    }
  }
}

TEST_CASE("input file order does not matter") {
  // The same services, written in the opposite order under other file names.
  EnvTree t;
  auto env = t.environment("  provider: local\n  services: [svc/*.yaml]\n");
  t.write("svc/b-first.yaml", basic_service("alpha"));
  t.write("svc/a-second.yaml", basic_service("beta"));
  Built one = build_environment(env);
  EnvTree u;
  auto env2 = u.environment("  provider: local\n  services: [svc/z.yaml, svc/y.yaml]\n");
  u.write("svc/z.yaml", basic_service("beta"));
  u.write("svc/y.yaml", basic_service("alpha"));
  Built two = build_environment(env2);
  REQUIRE_FALSE(one.sink.has_errors());
  REQUIRE_FALSE(two.sink.has_errors());
  for (const auto& [path, file] : one.tree.files()) {
    if (path == "plan-input.json" || path == "manifest.json") continue;  // record the globs
    INFO(path);
    REQUIRE(two.tree.find(path));
    CHECK(two.tree.find(path)->content == file.content);
  }
}

TEST_CASE("a failed build leaves the earlier output byte-identical") {
  TempDir tmp;
  auto out = (tmp / "out").string();
  REQUIRE(run_cli({"build", "local", "-o", out, "-q"}).code == 0);
  std::string manifest = read_file(tmp / "out/manifest.json");
  EnvTree t;
  auto env = t.environment("  provider: local\n  project: Bad Project\n");
  CHECK(run_cli({"build", env, "-o", out, "-q"}).code == 1);
  CHECK(read_file(tmp / "out/manifest.json") == manifest);
  CHECK(run_cli({"build", "local", "-o", out, "--check", "-q"}).code == 0);
}

TEST_CASE("build --check exits 2 and lists what would change") {
  TempDir tmp;
  auto out = (tmp / "out").string();
  REQUIRE(run_cli({"build", "local", "-o", out, "-q"}).code == 0);
  write_file(tmp / "out/catalog/hello-dag.json", "{}\n");
  write_file(tmp / "out/stale.txt", "x");
  auto r = run_cli({"build", "local", "-o", out, "--check"});
  CHECK(r.code == 2);
  CHECK(r.out.find("change  " + out + "/catalog/hello-dag.json") != std::string::npos);
  CHECK(r.out.find("remove  " + out + "/stale.txt") != std::string::npos);
  CHECK(read_file(tmp / "out/stale.txt") == "x");
  REQUIRE(run_cli({"build", "local", "-o", out, "-q"}).code == 0);
  CHECK_FALSE(fs::exists(tmp / "out/stale.txt"));
  CHECK(run_cli({"build", "local", "-o", out, "--check", "-q"}).code == 0);
}

TEST_CASE("every shipped environment passes the strict Kubernetes/Argo schema check") {
  if (!have_python_checkers()) IVCAPGEN_SKIP("../shared or python3 with PyYAML/jsonschema missing");
  for (const auto& env : kShipped) {
    TempDir tmp;
    Built b = build_environment(env);
    REQUIRE_FALSE(b.sink.has_errors());
    write_tree(b.tree, tmp / "out");
    if (!fs::exists(tmp / "out/k8s")) continue;
    auto r = run_program({"python3", (*shared_dir() / "schemas/validate_manifests.py").string(),
                          (tmp / "out/k8s").string()});
    INFO(env << "\n" << r.out << r.err);
    CHECK(r.exited_with(0));
    CHECK(r.out.find(" 0 invalid, 0 unknown-kind") != std::string::npos);
  }
}

TEST_CASE("every pod spec meets Pod Security restricted") {
  if (!have_python_checkers()) IVCAPGEN_SKIP("../shared or python3 with PyYAML/jsonschema missing");
  for (const auto& env : kShipped) {
    TempDir tmp;
    Built b = build_environment(env);
    REQUIRE_FALSE(b.sink.has_errors());
    write_tree(b.tree, tmp / "out");
    if (!fs::exists(tmp / "out/k8s")) continue;
    auto r = run_program({"python3", (*shared_dir() / "schemas/pss_restricted.py").string(),
                          (tmp / "out/k8s").string()});
    INFO(env << "\n" << r.out << r.err);
    CHECK(r.exited_with(0));
    CHECK(r.out.find(" 0 violating") != std::string::npos);
  }
}

TEST_CASE("every Helm values file uses only keys its pinned chart has") {
  if (!have_python_checkers()) IVCAPGEN_SKIP("../shared or python3 with PyYAML/jsonschema missing");
  for (const auto& env : kShipped) {
    TempDir tmp;
    Built b = build_environment(env);
    REQUIRE_FALSE(b.sink.has_errors());
    write_tree(b.tree, tmp / "out");
    if (!fs::exists(tmp / "out/helm/releases.json")) continue;
    auto r = run_program({"python3", (*shared_dir() / "helm-charts/check_values.py").string(),
                          "--releases", (tmp / "out/helm/releases.json").string()});
    INFO(env << "\n" << r.out << r.err);
    CHECK(r.exited_with(0));
    CHECK(r.out.find(" 0 errors") != std::string::npos);
  }
}
