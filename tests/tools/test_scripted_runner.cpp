// ScriptedRunner (precise mismatch reports, replay from fixture files, unused
// expectations) and DryRunRunner.
#include <catch2/catch.hpp>

#include "support/test_env.h"
#include "tools/dry_run_runner.h"
#include "tools/scripted_runner.h"

using namespace ivcapgen::tools;
using ivcapgen::testing::source_dir;

namespace {

std::filesystem::path fixtures() {
  return source_dir() / "tests" / "fixtures" / "tools";
}

Command cmd(std::vector<std::string> argv) {
  Command c;
  c.argv = std::move(argv);
  return c;
}

ExpectedCall expect(std::vector<std::string> argv, CommandResult reply, std::string origin) {
  ExpectedCall e;
  e.argv = std::move(argv);
  e.reply = std::move(reply);
  e.origin = std::move(origin);
  return e;
}

}  // namespace

TEST_CASE("scripted runner: replays replies in order", "[tools][scripted]") {
  ScriptedRunner runner({expect({"a", "1"}, exited(0, "one\n"), "entry 1"),
                         expect({"b"}, exited(3, "", "bad\n"), "entry 2")});
  auto r1 = runner.run(cmd({"a", "1"}));
  CHECK(r1.ok());
  CHECK(r1.out == "one\n");
  CHECK(runner.remaining() == 1);
  auto r2 = runner.run(cmd({"b"}));
  CHECK(r2.exited_with(3));
  CHECK(r2.err == "bad\n");
  CHECK(runner.verify() == "");
  CHECK(runner.calls().size() == 2);
  CHECK(runner.calls()[1].argv == std::vector<std::string>{"b"});
}

TEST_CASE("scripted runner: argv mismatch shows a diff of expected and actual",
          "[tools][scripted]") {
  ScriptedRunner runner({expect({"terraform", "plan", "-input=false", "-out=plan.bin", "-json"},
                                exited(0), "plan.json entry 1")});
  const auto r = runner.run(
      cmd({"terraform", "plan", "-input=false", "-out=other plan.bin", "-json", "-destroy"}));
  CHECK(r.outcome == Outcome::FailedToStart);
  const std::string expected =
      "scripted runner: call 1 does not match plan.json entry 1:\n"
      "  argv (- expected, + actual):\n"
      "      terraform\n"
      "      plan\n"
      "      -input=false\n"
      "    - -out=plan.bin\n"
      "    + '-out=other plan.bin'\n"
      "      -json\n"
      "    + -destroy";
  CHECK(r.start_error == expected);
  CHECK(runner.verify() == expected);
}

TEST_CASE("scripted runner: cwd, env and stdin are checked when expected", "[tools][scripted]") {
  ExpectedCall e = expect({"kubectl", "apply", "-f", "-"}, exited(0), "entry 1");
  e.cwd = "/work";
  e.env = {{"KUBECONFIG", "/k/config"}, {"LANG", "C"}};
  e.stdin_data = "kind: Namespace\n";
  ScriptedRunner runner({e, e});

  Command wrong = cmd({"kubectl", "apply", "-f", "-"});
  wrong.cwd = "/elsewhere";
  wrong.env = {{"KUBECONFIG", "/other"}};
  wrong.stdin_data = "kind: Pod\n";
  const auto r = runner.run(wrong);
  CHECK(r.outcome == Outcome::FailedToStart);
  CHECK(r.start_error ==
        "scripted runner: call 1 does not match entry 1:\n"
        "  cwd: expected \"/work\", actual \"/elsewhere\"\n"
        "  env KUBECONFIG: expected \"/k/config\", actual \"/other\"\n"
        "  env LANG: expected \"C\", actual not set\n"
        "  stdin: expected 16 bytes \"kind: Namespace\\n\", actual 10 bytes \"kind: Pod\\n\"");

  Command right = cmd({"kubectl", "apply", "-f", "-"});
  right.cwd = "/work";
  right.env = {{"KUBECONFIG", "/k/config"}, {"LANG", "C"}, {"EXTRA", "ignored"}};
  right.stdin_data = "kind: Namespace\n";
  CHECK(runner.run(right).ok());
  // The first mismatch stays on record.
  CHECK(runner.verify().find("call 1 does not match") != std::string::npos);
}

TEST_CASE("scripted runner: unexpected and missing calls are reported", "[tools][scripted]") {
  SECTION("an extra call") {
    ScriptedRunner runner({expect({"a"}, exited(0), "entry 1")});
    runner.run(cmd({"a"}));
    const auto r = runner.run(cmd({"b", "with space"}));
    CHECK(r.outcome == Outcome::FailedToStart);
    CHECK(runner.verify() ==
          "scripted runner: unexpected call 2: b 'with space' (all 1 script entries were used)");
  }
  SECTION("an expected call that never happened") {
    ScriptedRunner runner({expect({"a"}, exited(0), "s.json entry 1"),
                           expect({"helm", "status", "x"}, exited(0), "s.json entry 2")});
    runner.run(cmd({"a"}));
    CHECK(runner.verify() == "scripted runner: s.json entry 2 was never called: helm status x");
  }
}

TEST_CASE("scripted runner: replies stream lines to callbacks", "[tools][scripted]") {
  ScriptedRunner runner({expect({"x"}, exited(0, "l1\nl2\nlast", "e1\n"), "entry 1")});
  Command c = cmd({"x"});
  std::vector<std::string> out, err;
  c.on_stdout_line = [&](std::string_view l) { out.emplace_back(l); };
  c.on_stderr_line = [&](std::string_view l) { err.emplace_back(l); };
  runner.run(c);
  CHECK(out == std::vector<std::string>{"l1", "l2", "last"});
  CHECK(err == std::vector<std::string>{"e1"});
}

TEST_CASE("scripted runner: a script file with variables and output files", "[tools][scripted]") {
  auto script =
      load_call_script(fixtures() / "scripts" / "terraform_wave0.json", {{"WORK", "/tmp/w0"}});
  REQUIRE(script.ok());
  REQUIRE(script->size() == 5);
  const ExpectedCall& plan = (*script)[1];
  CHECK(plan.argv[6] == "-out=/tmp/w0/wave0.tfplan");
  CHECK(plan.cwd == std::filesystem::path("/tmp/w0"));
  CHECK(plan.reply.exit_code == 2);
  CHECK(plan.reply.out == ivcapgen::testing::read_file(fixtures() / "terraform" / "plan.jsonl"));
  CHECK(plan.origin == "terraform_wave0.json entry 2");
  CHECK((*script)[0].env.at("TF_IN_AUTOMATION") == "1");
}

TEST_CASE("scripted runner: timeouts and start failures are replayed", "[tools][scripted]") {
  auto script = parse_call_script(R"([
      {"argv": ["slow"], "timeout": true, "stdout": "partial\n"},
      {"argv": ["helm"], "not_found": true},
      {"argv": ["killed"], "signal": 9},
      {"argv": ["odd"], "start_error": "permission denied"}])",
                                  "/", "inline");
  REQUIRE(script.ok());
  ScriptedRunner runner(std::move(*script));
  Command slow = cmd({"slow"});
  slow.timeout = std::chrono::milliseconds(1500);
  const auto t = runner.run(slow);
  CHECK(t.outcome == Outcome::TimedOut);
  CHECK(t.out == "partial\n");
  CHECK(t.describe() == "timed out after 1.5 s and was killed");
  CHECK(runner.run(cmd({"helm"})).start_error == "program 'helm' not found on PATH");
  const auto k = runner.run(cmd({"killed"}));
  CHECK(k.outcome == Outcome::Signaled);
  CHECK(k.signal == 9);
  CHECK(runner.run(cmd({"odd"})).describe() == "failed to start: permission denied");
  CHECK(runner.verify() == "");
}

TEST_CASE("scripted runner: malformed scripts are rejected with the entry named",
          "[tools][scripted]") {
  auto check_error = [](const char* text, const char* message) {
    auto r = parse_call_script(text, fixtures(), "bad.json", {{"X", "1"}});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == message);
  };
  check_error("{", "bad.json: not valid JSON");
  check_error("{}", "bad.json: must be an array of calls");
  check_error(R"([{"argv": []}])", "bad.json entry 1: 'argv' must be a non-empty array of strings");
  check_error(R"([{"argv": ["a"]}, {"argv": ["b"], "exitcode": 1}])",
              "bad.json entry 2: unknown key 'exitcode'");
  check_error(R"([{"argv": ["${Y}"]}])", "bad.json entry 1: unknown variable '${Y}'");
  check_error(R"([{"argv": ["a"], "stdout": "x", "stdout_file": "y"}])",
              "bad.json entry 1: give 'stdout' or 'stdout_file', not both");
  check_error(R"([{"argv": ["a"], "exit": "0"}])", "bad.json entry 1: 'exit' must be an integer");
  auto missing = parse_call_script(R"([{"argv": ["a"], "stdout_file": "nope.txt"}])",
                                   "/nonexistent", "bad.json");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message ==
        "bad.json entry 1: cannot read stdout_file '/nonexistent/nope.txt'");
  CHECK_FALSE(load_call_script(fixtures() / "no-such-script.json").ok());
}

TEST_CASE("diff_argv: insertions, deletions and replacements", "[tools][scripted]") {
  CHECK(diff_argv({"a", "b", "c"}, {"a", "b", "c"}) == "      a\n      b\n      c");
  CHECK(diff_argv({"a", "c"}, {"a", "b", "c"}) == "      a\n    + b\n      c");
  CHECK(diff_argv({"a", "b", "c"}, {"a", "c"}) == "      a\n    - b\n      c");
  CHECK(diff_argv({"x"}, {"y"}) == "    - x\n    + y");
  CHECK(diff_argv({}, {}) == "");
}

TEST_CASE("dry-run runner: records commands and succeeds without running them", "[tools][dryrun]") {
  DryRunRunner runner;
  Command c = cmd({"terraform", "apply", "plan.bin"});
  c.cwd = "/out";
  const auto r = runner.run(c);
  CHECK(r.ok());
  CHECK(r.out.empty());
  c.argv = {"ivcapgen-no-such-program"};  // not even looked up
  CHECK(runner.run(c).ok());
  REQUIRE(runner.commands().size() == 2);
  CHECK(runner.commands()[0].argv == std::vector<std::string>{"terraform", "apply", "plan.bin"});
  CHECK(runner.commands()[0].cwd == std::filesystem::path("/out"));
}
