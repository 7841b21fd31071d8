// ToolLocator: PATH or flag, and errors that name the stage needing the tool.
#include <catch2/catch.hpp>

#include "support/test_env.h"
#include "tools/tool_locator.h"

using namespace ivcapgen::tools;
using ivcapgen::testing::TempDir;
namespace fs = std::filesystem;

namespace {

fs::path make_tool(const TempDir& tmp, const std::string& rel, bool executable = true) {
  const fs::path p = tmp / rel;
  ivcapgen::testing::write_file(p, "#!/bin/sh\necho fake\n");
  fs::permissions(p, executable ? fs::perms::owner_all : fs::perms::owner_read);
  return p;
}

}  // namespace

TEST_CASE("tool locator: finds tools on PATH in order", "[tools][locator]") {
  TempDir tmp;
  make_tool(tmp, "first/helm");
  make_tool(tmp, "second/helm");
  make_tool(tmp, "second/kubectl");
  const std::string path =
      (tmp / "empty").string() + ":" + (tmp / "first").string() + ":" + (tmp / "second").string();
  ToolLocator locator({}, path);
  auto helm = locator.locate(Tool::Helm, "wave 3 (third-party components)");
  REQUIRE(helm.ok());
  CHECK(*helm == tmp / "first" / "helm");
  auto kubectl = locator.locate(Tool::Kubectl, "wave 2 (namespaces)");
  REQUIRE(kubectl.ok());
  CHECK(*kubectl == tmp / "second" / "kubectl");
}

TEST_CASE("tool locator: a missing tool names the stage and the flag", "[tools][locator]") {
  TempDir tmp;
  ToolLocator locator({}, tmp.path().string());
  auto helm = locator.locate(Tool::Helm, "wave 3 (third-party components)");
  REQUIRE_FALSE(helm.ok());
  CHECK(helm.error().message ==
        "wave 3 (third-party components) needs 'helm', which is not on PATH; install it or "
        "pass --helm PATH");
  auto tf = locator.locate(Tool::Terraform, "wave 0 (cloud infrastructure)");
  REQUIRE_FALSE(tf.ok());
  CHECK(tf.error().message ==
        "wave 0 (cloud infrastructure) needs 'terraform', which is not on PATH; install it or "
        "pass --terraform PATH");
}

TEST_CASE("tool locator: a non-executable file on PATH does not count", "[tools][locator]") {
  TempDir tmp;
  make_tool(tmp, "bin/kubectl", /*executable=*/false);
  ToolLocator locator({}, (tmp / "bin").string());
  CHECK_FALSE(locator.locate(Tool::Kubectl, "wave 2").ok());
}

TEST_CASE("tool locator: the flag wins over PATH", "[tools][locator]") {
  TempDir tmp;
  make_tool(tmp, "path/terraform");
  const fs::path pinned = make_tool(tmp, "pinned/terraform-1.11");
  ToolOverrides overrides;
  overrides.terraform = pinned.string();
  ToolLocator locator(overrides, (tmp / "path").string());
  auto tf = locator.locate(Tool::Terraform, "wave 0");
  REQUIRE(tf.ok());
  CHECK(*tf == pinned);
}

TEST_CASE("tool locator: a bad flag value is a clear error", "[tools][locator]") {
  TempDir tmp;
  make_tool(tmp, "bin/helm3");
  const fs::path not_exec = make_tool(tmp, "helm-noexec", /*executable=*/false);
  const std::string stage = "wave 3 (third-party components)";

  ToolOverrides missing;
  missing.helm = (tmp / "nope" / "helm").string();
  auto r = ToolLocator(missing, "").locate(Tool::Helm, stage);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message ==
        stage + " needs 'helm', but --helm " + missing.helm.value() + " does not exist");

  ToolOverrides noexec;
  noexec.helm = not_exec.string();
  r = ToolLocator(noexec, "").locate(Tool::Helm, stage);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message ==
        stage + " needs 'helm', but --helm " + not_exec.string() + " is not an executable file");

  ToolOverrides by_name;
  by_name.helm = "helm3";
  r = ToolLocator(by_name, (tmp / "bin").string()).locate(Tool::Helm, stage);
  REQUIRE(r.ok());
  CHECK(*r == tmp / "bin" / "helm3");
  r = ToolLocator(by_name, "").locate(Tool::Helm, stage);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == stage + " needs 'helm', but --helm helm3 was not found on PATH");
}
