// The -v log: every command on one redacted line, how it ended, and the tail
// of stderr on failure; never stdout, never stdin.
#include <catch2/catch.hpp>
#include <sstream>

#include "tools/command_log.h"
#include "tools/scripted_runner.h"
#include "tools/terraform.h"

using namespace ivcapgen::tools;

TEST_CASE("command log: shell quoting", "[tools][log]") {
  CHECK(shell_quote("plain-word_1.2/x=y:z,@%+") == "plain-word_1.2/x=y:z,@%+");
  CHECK(shell_quote("two words") == "'two words'");
  CHECK(shell_quote("it's") == "'it'\\''s'");
  CHECK(shell_quote("") == "''");
  CHECK(shell_quote("$HOME") == "'$HOME'");
}

TEST_CASE("command log: format_command shows cwd, env and argv, redacted", "[tools][log]") {
  Redactor base;
  base.add_secret("learnt-secret");
  Command c;
  c.argv = {"terraform", "init", "-backend-config=access_key=AKIAXXXX",
            "-backend-config=bucket=my state", "--note=learnt-secret"};
  c.cwd = "/out/aws dev";
  c.env = {{"AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI"}, {"TF_IN_AUTOMATION", "1"}};
  c.unset_env = {"TF_LOG"};
  c.stdin_data = "apiVersion: v1\nkind: Secret\ndata: {password: c2VjcmV0}\n";
  c.secrets = {"AKIAXXXX"};
  const std::string line = format_command(c, base);
  CHECK(line ==
        "cd '/out/aws dev' && env -u TF_LOG AWS_SECRET_ACCESS_KEY=*** TF_IN_AUTOMATION=1 "
        "terraform init -backend-config=access_key=*** '-backend-config=bucket=my state' "
        "--note=*** < (55 bytes)");
  CHECK(line.find("wJalrXUtnFEMI") == std::string::npos);
  CHECK(line.find("c2VjcmV0") == std::string::npos);
}

TEST_CASE("command log: values of secret-named env vars are masked in argv too", "[tools][log]") {
  Command c;
  c.argv = {"helm", "registry", "login", "-u", "bot", "--password-stdin", "ghcr.io"};
  c.env = {{"REGISTRY_TOKEN", "ghp_abcdef"}};
  c.argv.push_back("--extra=ghp_abcdef");
  const std::string line = format_command(c, Redactor());
  CHECK(line.find("ghp_abcdef") == std::string::npos);
  CHECK(line.find("--extra=***") != std::string::npos);
}

TEST_CASE("command log: LoggingRunner logs start and end, stderr tail on failure", "[tools][log]") {
  ScriptedRunner script({
      {{"kubectl", "--token=abc123", "get", "pods"}, {}, {}, {}, exited(0, "pod-a\n"), "entry 1"},
      {{"kubectl", "apply", "-f", "x.yaml"},
       {},
       {},
       {},
       exited(1, "", "error: password abc123 rejected\nsecond line\n"),
       "entry 2"},
      {{"helm", "status", "x"}, {}, {}, {}, not_found("helm"), "entry 3"},
  });
  Redactor redactor;
  redactor.add_secret("abc123");
  std::ostringstream out;
  StreamCommandLog log(out, redactor);
  LoggingRunner runner(script, log);

  Command c;
  c.argv = {"kubectl", "--token=abc123", "get", "pods"};
  CHECK(runner.run(c).ok());
  c.argv = {"kubectl", "apply", "-f", "x.yaml"};
  CHECK(runner.run(c).exited_with(1));
  c.argv = {"helm", "status", "x"};
  CHECK(runner.run(c).outcome == Outcome::FailedToStart);
  CHECK(script.verify() == "");

  const std::string text = out.str();
  CHECK(text ==
        "+ kubectl --token=*** get pods\n"
        "  exited with status 0 (0 ms)\n"
        "+ kubectl apply -f x.yaml\n"
        "  exited with status 1 (0 ms)\n"
        "  | error: password *** rejected\n"
        "  | second line\n"
        "+ helm status x\n"
        "  failed to start: program 'helm' not found on PATH\n");
  CHECK(text.find("pod-a") == std::string::npos);  // stdout is not logged
}

TEST_CASE("command log: sensitive terraform outputs never reach the log", "[tools][log]") {
  const std::string outputs = R"({
    "db_password": {"sensitive": true, "type": "string", "value": "correct-horse"},
    "endpoint": {"sensitive": false, "type": "string", "value": "https://10.0.0.1"}})";
  ScriptedRunner script({
      {{"terraform", "output", "-no-color", "-json"}, {}, {}, {}, exited(0, outputs), "entry 1"},
      {{"kubectl", "--as=correct-horse", "get", "ns"},
       {},
       {},
       {},
       exited(1, "", "Unauthorized: correct-horse\n"),
       "entry 2"},
  });
  Redactor redactor;
  std::ostringstream out;
  StreamCommandLog log(out, redactor);
  LoggingRunner runner(script, log);
  TerraformOptions options;
  options.redactor = &redactor;
  Terraform tf(runner, options);
  const auto result = tf.output();
  REQUIRE(result.ok());
  CHECK(result->find("db_password")->sensitive);
  CHECK(result->describe() == "db_password = (sensitive value)\nendpoint = \"https://10.0.0.1\"\n");

  // A later command passing the learnt value on its command line.
  Command c;
  c.argv = {"kubectl", "--as=correct-horse", "get", "ns"};
  runner.run(c);
  CHECK(script.verify() == "");
  CHECK(out.str().find("correct-horse") == std::string::npos);
  CHECK(out.str().find("Unauthorized: ***") != std::string::npos);
}
