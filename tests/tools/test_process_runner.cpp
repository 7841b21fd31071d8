// ProcessRunner against real programs (sh, cat, env, pwd): exit codes, both
// streams, stdin, large output, timeouts that kill the whole process group,
// environment, working directory, and failures to start.
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <thread>

#include "support/test_env.h"
#include "tools/process_runner.h"

using namespace ivcapgen::tools;
using ivcapgen::testing::TempDir;
using std::chrono::milliseconds;

namespace {

Command sh(std::string script) {
  Command c;
  c.argv = {"sh", "-c", std::move(script)};
  c.timeout = std::chrono::seconds(20);
  return c;
}

// Dead, or a zombie nobody has reaped yet (our init may not reap orphans).
bool process_gone(pid_t pid) {
  if (::kill(pid, 0) != 0) return errno == ESRCH;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  const auto close_paren = line.rfind(')');
  return close_paren != std::string::npos && line.size() > close_paren + 2 &&
         line[close_paren + 2] == 'Z';
}

bool gone_within(pid_t pid, milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (process_gone(pid)) return true;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return process_gone(pid);
}

pid_t read_pid(const std::filesystem::path& file) {
  std::ifstream in(file);
  long pid = 0;
  in >> pid;
  return static_cast<pid_t>(pid);
}

}  // namespace

TEST_CASE("process runner: exit status and both streams", "[tools][process]") {
  ProcessRunner runner;
  const auto r = runner.run(sh("echo out; echo err >&2; exit 3"));
  REQUIRE(r.outcome == Outcome::Exited);
  CHECK(r.exit_code == 3);
  CHECK(r.out == "out\n");
  CHECK(r.err == "err\n");
  CHECK_FALSE(r.ok());
  CHECK(r.exited_with(3));
  CHECK(r.describe() == "exited with status 3");
}

TEST_CASE("process runner: success is exit status 0", "[tools][process]") {
  ProcessRunner runner;
  const auto r = runner.run(sh("true"));
  CHECK(r.ok());
  CHECK(r.out.empty());
  CHECK(r.err.empty());
}

TEST_CASE("process runner: argv items reach the program verbatim, no shell", "[tools][process]") {
  ProcessRunner runner;
  Command c = sh("printf '[%s]' \"$@\"");
  c.argv.insert(c.argv.end(), {"argv0", "a b", "$HOME", "'q'", "*", "; rm -rf /"});
  const auto r = runner.run(c);
  REQUIRE(r.ok());
  CHECK(r.out == "[a b][$HOME]['q'][*][; rm -rf /]");
}

TEST_CASE("process runner: stdin round trip through cat", "[tools][process]") {
  ProcessRunner runner;
  Command c;
  c.argv = {"cat"};
  std::string input;
  for (int i = 0; i < 20000; ++i) input += "line " + std::to_string(i) + " \xce\xbb\n";
  c.stdin_data = input;
  const auto r = runner.run(c);
  REQUIRE(r.ok());
  CHECK(r.out == input);
}

TEST_CASE("process runner: without stdin data the child reads end-of-file", "[tools][process]") {
  ProcessRunner runner;
  Command c;
  c.argv = {"cat"};
  c.timeout = std::chrono::seconds(5);
  const auto r = runner.run(c);
  CHECK(r.ok());
  CHECK(r.out.empty());
}

TEST_CASE("process runner: a child that ignores its stdin does not kill us", "[tools][process]") {
  ProcessRunner runner;
  Command c = sh("exit 0");
  c.stdin_data = std::string(4 * 1024 * 1024, 'x');  // more than a pipe buffer: EPIPE
  const auto r = runner.run(c);
  CHECK(r.ok());
}

TEST_CASE("process runner: 50 MB on stdout and stderr at once, no deadlock", "[tools][process]") {
  ProcessRunner runner;
  // Each stream gets 50 MiB, interleaved, while we also feed 8 MiB of stdin.
  Command c =
      sh("head -c 52428800 /dev/zero | tr '\\0' o & "
         "head -c 52428800 /dev/zero | tr '\\0' e >&2 & "
         "wc -c; wait");
  c.stdin_data = std::string(8 * 1024 * 1024, 'i');
  const auto start = std::chrono::steady_clock::now();
  const auto r = runner.run(c);
  const auto took = std::chrono::steady_clock::now() - start;
  REQUIRE(r.ok());
  CHECK(r.err.size() == 52428800u);
  // stdout holds the 50 MiB of 'o' and wc's count of stdin, somewhere in it.
  CHECK(r.out.size() > 52428800u);
  CHECK(r.out.find("8388608") != std::string::npos);
  CHECK(took < std::chrono::seconds(10));
}

TEST_CASE("process runner: lines are streamed to callbacks as they arrive", "[tools][process]") {
  ProcessRunner runner;
  Command c = sh("echo one; echo two >&2; printf 'three\\nfour'");
  std::vector<std::string> out_lines, err_lines;
  c.on_stdout_line = [&](std::string_view l) { out_lines.emplace_back(l); };
  c.on_stderr_line = [&](std::string_view l) { err_lines.emplace_back(l); };
  const auto r = runner.run(c);
  REQUIRE(r.ok());
  CHECK(out_lines == std::vector<std::string>{"one", "three", "four"});
  CHECK(err_lines == std::vector<std::string>{"two"});
  CHECK(r.out == "one\nthree\nfour");
}

TEST_CASE("process runner: timeout kills the process group, grandchildren included",
          "[tools][process]") {
  TempDir tmp;
  const auto pidfile = tmp / "grandchild.pid";
  ProcessRunner runner;
  Command c = sh("sleep 30 & echo $! > '" + pidfile.string() + "'; sleep 30");
  c.timeout = milliseconds(300);
  const auto start = std::chrono::steady_clock::now();
  const auto r = runner.run(c);
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(r.outcome == Outcome::TimedOut);
  CHECK(r.timed_out());
  CHECK(took >= milliseconds(300));
  CHECK(took < std::chrono::seconds(2));
  CHECK(r.describe().rfind("timed out after", 0) == 0);
  const pid_t grandchild = read_pid(pidfile);
  REQUIRE(grandchild > 0);
  CHECK(gone_within(grandchild, milliseconds(500)));
}

TEST_CASE("process runner: a plain sleep times out quickly", "[tools][process]") {
  ProcessRunner runner;
  Command c = sh("sleep 10");
  c.timeout = milliseconds(300);
  const auto start = std::chrono::steady_clock::now();
  const auto r = runner.run(c);
  CHECK(r.outcome == Outcome::TimedOut);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}

TEST_CASE("process runner: a program ignoring SIGTERM is killed after the grace period",
          "[tools][process]") {
  ProcessRunner::Options options;
  options.kill_grace = milliseconds(200);
  ProcessRunner runner(options);
  Command c = sh("trap '' TERM; echo ready; while :; do sleep 0.05; done");
  c.timeout = milliseconds(200);
  const auto start = std::chrono::steady_clock::now();
  const auto r = runner.run(c);
  CHECK(r.outcome == Outcome::TimedOut);
  CHECK(r.signal == SIGKILL);
  CHECK(r.out == "ready\n");  // output before the timeout is kept
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}

TEST_CASE("process runner: leftovers in the group die when the program exits", "[tools][process]") {
  TempDir tmp;
  const auto pidfile = tmp / "bg.pid";
  ProcessRunner runner;
  // The background sleep keeps stdout open; we must not wait 30 s for it.
  Command c = sh("sleep 30 & echo $! > '" + pidfile.string() + "'; echo done");
  const auto start = std::chrono::steady_clock::now();
  const auto r = runner.run(c);
  REQUIRE(r.ok());
  CHECK(r.out == "done\n");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  CHECK(gone_within(read_pid(pidfile), milliseconds(500)));
}

TEST_CASE("process runner: a signal is reported as such", "[tools][process]") {
  ProcessRunner runner;
  const auto r = runner.run(sh("kill -KILL $$"));
  REQUIRE(r.outcome == Outcome::Signaled);
  CHECK(r.signal == SIGKILL);
  CHECK(r.describe() == "killed by signal 9 (SIGKILL)");
}

TEST_CASE("process runner: a stop request cancels the command", "[tools][process]") {
  ProcessRunner runner;
  std::stop_source stop;
  Command c = sh("sleep 10");
  c.stop = stop.get_token();
  std::thread stopper([&] {
    std::this_thread::sleep_for(milliseconds(100));
    stop.request_stop();
  });
  const auto start = std::chrono::steady_clock::now();
  const auto r = runner.run(c);
  stopper.join();
  CHECK(r.outcome == Outcome::Cancelled);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}

TEST_CASE("process runner: environment is extended, replaced, unset or clean", "[tools][process]") {
  ProcessRunner runner;
  ::setenv("IVCAPGEN_TEST_INHERITED", "inherited", 1);
  ::setenv("IVCAPGEN_TEST_REMOVED", "removed", 1);

  Command c =
      sh("echo \"$IVCAPGEN_TEST_INHERITED|$IVCAPGEN_TEST_SET|${IVCAPGEN_TEST_REMOVED-unset}\"");
  c.env["IVCAPGEN_TEST_SET"] = "set value";
  c.unset_env = {"IVCAPGEN_TEST_REMOVED"};
  auto r = runner.run(c);
  REQUIRE(r.ok());
  CHECK(r.out == "inherited|set value|unset\n");

  Command clean;
  clean.argv = {"/usr/bin/env"};
  clean.clean_env = true;
  clean.env["ONLY"] = "this";
  r = runner.run(clean);
  REQUIRE(r.ok());
  CHECK(r.out == "ONLY=this\n");
}

TEST_CASE("process runner: PATH of the child's environment finds the program", "[tools][process]") {
  TempDir tmp;
  ivcapgen::testing::write_file(tmp / "bin" / "hello-tool", "#!/bin/sh\necho hello from tool\n");
  std::filesystem::permissions(tmp / "bin" / "hello-tool", std::filesystem::perms::owner_all);
  ProcessRunner runner;
  Command c;
  c.argv = {"hello-tool"};
  c.env["PATH"] = (tmp / "bin").string() + ":/usr/bin:/bin";
  const auto r = runner.run(c);
  REQUIRE(r.ok());
  CHECK(r.out == "hello from tool\n");
}

TEST_CASE("process runner: the working directory is honoured", "[tools][process]") {
  TempDir tmp;
  ProcessRunner runner;
  Command c;
  c.argv = {"pwd", "-P"};
  c.cwd = tmp.path();
  const auto r = runner.run(c);
  REQUIRE(r.ok());
  CHECK(r.out == std::filesystem::canonical(tmp.path()).string() + "\n");

  c.cwd = tmp / "missing";
  const auto missing = runner.run(c);
  CHECK(missing.outcome == Outcome::FailedToStart);
  CHECK(missing.start_error.find("does not exist") != std::string::npos);
}

TEST_CASE("process runner: a missing program is an error value", "[tools][process]") {
  ProcessRunner runner;
  Command c;
  c.argv = {"ivcapgen-no-such-program", "--version"};
  auto r = runner.run(c);
  CHECK(r.outcome == Outcome::FailedToStart);
  CHECK(r.start_error == "program 'ivcapgen-no-such-program' not found on PATH");
  CHECK(r.describe() == "failed to start: program 'ivcapgen-no-such-program' not found on PATH");

  c.argv = {"/nonexistent/dir/terraform"};
  r = runner.run(c);
  CHECK(r.outcome == Outcome::FailedToStart);
  CHECK(r.start_error == "'/nonexistent/dir/terraform' is not an executable file");

  c.argv = {};
  CHECK(runner.run(c).outcome == Outcome::FailedToStart);
}

TEST_CASE("process runner: a file that cannot be executed fails to start", "[tools][process]") {
  TempDir tmp;
  // Executable bit set, but not a valid executable format and no #! line.
  ivcapgen::testing::write_file(tmp / "garbage", std::string("\x7f"
                                                             "ELF\x01garbage",
                                                             11));
  std::filesystem::permissions(tmp / "garbage", std::filesystem::perms::owner_all);
  ProcessRunner runner;
  Command c;
  c.argv = {(tmp / "garbage").string()};
  const auto r = runner.run(c);
  CHECK(r.outcome == Outcome::FailedToStart);
  CHECK(r.start_error.find("cannot execute") != std::string::npos);
}

TEST_CASE("process runner: concurrent runs from several threads", "[tools][process]") {
  ProcessRunner runner;
  std::vector<CommandResult> results(6);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back(
        [&, i] { results[i] = runner.run(sh("sleep 0.2; echo " + std::to_string(i))); });
  }
  const auto start = std::chrono::steady_clock::now();
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < results.size(); ++i) {
    REQUIRE(results[i].ok());
    CHECK(results[i].out == std::to_string(i) + "\n");
  }
  // Run in parallel, and no run waited for another's pipes to close.
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}

TEST_CASE("process runner: find_program searches the given PATH", "[tools][process]") {
  const auto sh_path = find_program("sh", "/nonexistent:/usr/bin:/bin");
  REQUIRE(sh_path);
  CHECK(sh_path->is_absolute());
  CHECK_FALSE(find_program("sh", "/nonexistent"));
  CHECK_FALSE(find_program("sh", ""));
  CHECK(find_program("/bin/sh", ""));
  CHECK_FALSE(find_program("", "/bin"));
}
