// The process pieces of the local provider: a recorded pid is only trusted
// when its start time and command line still match (a reused pid is not
// ours), daemons are detached with a clean environment and their output in
// their log, and stopping escalates from SIGTERM to SIGKILL.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <sstream>
#include <thread>

#include "deploy/local/daemon.h"
#include "deploy/local/process_identity.h"
#include "support/test_env.h"

using namespace ivcapgen::deploy::local;
using ivcapgen::testing::read_file;
using ivcapgen::testing::TempDir;
using ivcapgen::testing::write_file;

namespace {

// Stops whatever a test started, even when an assertion fails first.
struct DaemonGuard {
  std::optional<ProcessIdentity> identity;
  ~DaemonGuard() {
    if (identity && check_process(*identity, {}).state == ProcessState::Running) {
      ::kill(identity->pid, SIGKILL);
    }
  }
};

DaemonSpec sleeper(const TempDir& dir, const std::string& seconds = "30") {
  DaemonSpec s;
  s.executable = "/bin/sleep";
  s.argv = {"/bin/sleep", seconds};
  s.cwd = dir.path();
  s.log_file = dir / "sleep.log";
  s.env = {{"PATH", "/usr/bin:/bin"}};
  return s;
}

bool eventually(const std::function<bool()>& condition) {
  for (int i = 0; i < 200; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

}  // namespace

TEST_CASE("parse_proc_stat reads state, group and start time past a tricky command name",
          "[deploy][local]") {
  std::string line =
      "4242 (we(ir)d name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 "
      "200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n";
  auto s = parse_proc_stat(line);
  REQUIRE(s);
  CHECK(s->state == 'S');
  CHECK(s->process_group == 4242);
  CHECK(s->start_ticks == 987654u);
  CHECK_FALSE(parse_proc_stat("4242 (x) S 1 2"));
  CHECK_FALSE(parse_proc_stat("garbage"));
}

TEST_CASE("the identity of this process is stable and matches itself", "[deploy][local]") {
  auto me = read_process_identity(::getpid());
  REQUIRE(me);
  CHECK(me->start_ticks > 0);
  CHECK(me->boot_id == current_boot_id());
  auto again = read_process_identity(::getpid());
  REQUIRE(again);
  CHECK(again->start_ticks == me->start_ticks);
  CHECK(check_process(*me, {}).state == ProcessState::Running);
}

TEST_CASE("a daemon is detached, in its own session, with a clean environment", "[deploy][local]") {
  TempDir dir;
  DaemonGuard guard;
  std::string error;
  guard.identity = spawn_daemon(sleeper(dir), error);
  REQUIRE(guard.identity);
  INFO(error);
  int pid = guard.identity->pid;
  CHECK(check_process(*guard.identity, {"/bin/sleep", "30"}).state == ProcessState::Running);
  // Its own process group (setsid), and not our child (double fork).
  CHECK(read_process_group(pid) == pid);
  std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  std::istringstream fields(stat.substr(stat.rfind(')') + 1));
  std::string state;
  int parent = 0;
  fields >> state >> parent;
  CHECK(parent != ::getpid());

  // Environment and output: exactly what the spec gives.
  // (It stays up after printing: a daemon that exits at once is reported
  // as a failure to start.)
  DaemonSpec env = sleeper(dir);
  env.executable = "/bin/sh";
  env.argv = {"/bin/sh", "-c", "/usr/bin/env; exec /bin/sleep 30"};
  env.env = {{"PATH", "/usr/bin:/bin"}, {"ONLY_THIS", "1"}};
  env.log_file = dir / "env.log";
  ::setenv("IVCAPGEN_TEST_LEAK", "secret", 1);
  DaemonGuard printer;
  printer.identity = spawn_daemon(env, error);
  ::unsetenv("IVCAPGEN_TEST_LEAK");
  REQUIRE(printer.identity);
  REQUIRE(eventually(
      [&] { return read_file(dir / "env.log").find("ONLY_THIS") != std::string::npos; }));
  std::string printed = read_file(dir / "env.log");
  CHECK(printed.find("ONLY_THIS=1") != std::string::npos);
  CHECK(printed.find("PATH=/usr/bin:/bin") != std::string::npos);
  CHECK(printed.find("IVCAPGEN_TEST_LEAK") == std::string::npos);
  CHECK(printed.find("HOME=") == std::string::npos);
}

TEST_CASE("a reused pid is not mistaken for the recorded process", "[deploy][local]") {
  TempDir dir;
  DaemonGuard guard;
  std::string error;
  guard.identity = spawn_daemon(sleeper(dir), error);
  REQUIRE(guard.identity);

  // Same pid, another start time: what a recycled pid looks like.
  ProcessIdentity older = *guard.identity;
  older.start_ticks -= 1;
  auto reused = check_process(older, {});
  CHECK(reused.state == ProcessState::Reused);
  CHECK(reused.detail.find("/bin/sleep 30") != std::string::npos);
  // Same pid and start time, another command line: not the program we started.
  CHECK(check_process(*guard.identity, {"/usr/bin/ivcap-gateway"}).state == ProcessState::Reused);
  // Recorded before a reboot.
  ProcessIdentity before_boot = *guard.identity;
  before_boot.boot_id = "00000000-0000-0000-0000-000000000000";
  CHECK(check_process(before_boot, {}).state == ProcessState::Reused);
  // stop_daemon leaves a stranger alone.
  CHECK(stop_daemon(older, std::chrono::milliseconds(100), error) == StopOutcome::NotRunning);
  CHECK(check_process(*guard.identity, {}).state == ProcessState::Running);

  // And once it is gone, it is gone (whether or not anyone reaped it).
  CHECK(stop_daemon(*guard.identity, std::chrono::seconds(2), error) == StopOutcome::Terminated);
  CHECK(check_process(*guard.identity, {}).state == ProcessState::Gone);
}

TEST_CASE("a script's command line, led by its interpreter, still matches its argv",
          "[deploy][local]") {
  TempDir dir;
  DaemonGuard guard;
  write_file(dir / "ivcap-fake", "#!/bin/sh\nwhile :; do sleep 1; done\n");
  ::chmod((dir / "ivcap-fake").c_str(), 0755);
  DaemonSpec script = sleeper(dir);
  script.executable = dir / "ivcap-fake";
  script.argv = {script.executable.string(), "--listen", "127.0.0.1:1"};
  std::string error;
  guard.identity = spawn_daemon(script, error);
  REQUIRE(guard.identity);
  auto argv = read_process_argv(guard.identity->pid);
  REQUIRE(argv);
  CHECK(argv->front() == "/bin/sh");
  CHECK(check_process(*guard.identity, script.argv).state == ProcessState::Running);
  CHECK(check_process(*guard.identity, {script.argv[0], "--listen", "127.0.0.1:2"}).state ==
        ProcessState::Reused);
}

TEST_CASE("stopping escalates to SIGKILL when SIGTERM is ignored", "[deploy][local]") {
  TempDir dir;
  DaemonGuard guard;
  DaemonSpec stubborn = sleeper(dir);
  stubborn.executable = "/bin/sh";
  stubborn.argv = {"/bin/sh", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done"};
  std::string error;
  guard.identity = spawn_daemon(stubborn, error);
  REQUIRE(guard.identity);
  REQUIRE(
      eventually([&] { return read_file(dir / "sleep.log").find("ready") != std::string::npos; }));
  auto started = std::chrono::steady_clock::now();
  CHECK(stop_daemon(*guard.identity, std::chrono::milliseconds(300), error) == StopOutcome::Killed);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  CHECK(check_process(*guard.identity, {}).state == ProcessState::Gone);
}

TEST_CASE("spawn failures say what failed", "[deploy][local]") {
  TempDir dir;
  std::string error;
  DaemonSpec missing = sleeper(dir);
  missing.executable = dir / "no-such-program";
  missing.argv = {missing.executable.string()};
  CHECK_FALSE(spawn_daemon(missing, error));
  CHECK(error.find("cannot execute") != std::string::npos);
  CHECK(error.find("No such file") != std::string::npos);

  DaemonSpec no_dir = sleeper(dir);
  no_dir.cwd = dir / "absent";
  CHECK_FALSE(spawn_daemon(no_dir, error));
  CHECK(error.find("cannot change to") != std::string::npos);
}

TEST_CASE("log_tail keeps the last lines", "[deploy][local]") {
  TempDir dir;
  std::string text;
  for (int i = 1; i <= 30; ++i) text += "line " + std::to_string(i) + "\n";
  ivcapgen::testing::write_file(dir / "x.log", text);
  std::string tail = log_tail(dir / "x.log", 3);
  CHECK(tail == "    line 28\n    line 29\n    line 30\n");
  CHECK(log_tail(dir / "absent.log").empty());
}
