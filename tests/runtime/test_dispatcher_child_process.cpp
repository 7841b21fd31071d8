// Unit tests of process running: clean environment, output capture,
// timeouts that kill the whole process group, rlimits, the sandbox.
#include <signal.h>

#include <catch2/catch.hpp>
#include <thread>

#include "dispatcher/child_process.h"
#include "dispatcher/sandbox.h"
#include "support/test_env.h"

using namespace ivcap::runtime;
using namespace std::chrono_literals;
using ivcapgen::testing::read_file;
using ivcapgen::testing::TempDir;

namespace {

ProcessSpec shell(const TempDir& tmp, const std::string& script) {
  ProcessSpec spec;
  spec.argv = {*resolve_executable("sh", kServicePath), "-c", script};
  spec.env = {std::string("PATH=") + kServicePath, "IVCAP_ORDER_ID=o1"};
  spec.cwd = tmp.path();
  spec.output = tmp / "out.log";
  return spec;
}

ProcessExit run(const ProcessSpec& spec, std::chrono::milliseconds timeout = 10s) {
  std::atomic<bool> cancel{false};
  auto child = ChildProcess::spawn(spec);
  return child.wait(std::chrono::steady_clock::now() + timeout, cancel, 200ms);
}

}  // namespace

TEST_CASE("child process: exit code, output, cwd and a clean environment",
          "[runtime][dispatcher]") {
  TempDir tmp;
  setenv("IVCAPGEN_TEST_LEAK", "should-not-leak", 1);
  auto exit = run(shell(tmp, "env; pwd; echo err >&2; exit 3"));
  unsetenv("IVCAPGEN_TEST_LEAK");
  CHECK(exit.kind == ProcessExit::Kind::Exited);
  CHECK(exit.code == 3);
  std::string out = read_file(tmp / "out.log");
  CHECK(out.find("IVCAP_ORDER_ID=o1") != std::string::npos);
  CHECK(out.find("should-not-leak") == std::string::npos);
  CHECK(out.find("HOME=") == std::string::npos);
  CHECK(out.find(tmp.path().string()) != std::string::npos);
  CHECK(out.find("err") != std::string::npos);
}

TEST_CASE("child process: a timeout kills the whole process group", "[runtime][dispatcher]") {
  TempDir tmp;
  // The shell starts a grandchild that would outlive a plain kill(pid).
  auto spec = shell(tmp, "sleep 30 & echo $! > grandchild.pid; wait");
  auto start = std::chrono::steady_clock::now();
  auto exit = run(spec, 300ms);
  CHECK(exit.kind == ProcessExit::Kind::TimedOut);
  CHECK(std::chrono::steady_clock::now() - start < 3s);
  std::this_thread::sleep_for(50ms);
  // Gone, or a zombie waiting for init to reap it.
  std::string pid = read_file(tmp / "grandchild.pid");
  pid.erase(pid.find_last_not_of("\n") + 1);
  std::string stat;
  try {
    stat = read_file("/proc/" + pid + "/stat");
  } catch (const std::exception&) {
  }
  CHECK((stat.empty() || stat.find(") Z ") != std::string::npos));
}

TEST_CASE("child process: cancellation", "[runtime][dispatcher]") {
  TempDir tmp;
  std::atomic<bool> cancel{false};
  auto child = ChildProcess::spawn(shell(tmp, "sleep 30"));
  std::thread canceller([&] {
    std::this_thread::sleep_for(100ms);
    cancel = true;
  });
  auto exit = child.wait(std::chrono::steady_clock::now() + 30s, cancel, 200ms);
  canceller.join();
  CHECK(exit.kind == ProcessExit::Kind::Cancelled);
}

TEST_CASE("child process: rlimits apply", "[runtime][dispatcher]") {
  TempDir tmp;
  auto spec = shell(tmp, "head -c 100000 /dev/zero > big; echo rc=$?");
  spec.limits.file_size_bytes = 4096;
  auto exit = run(spec);
  CHECK(std::filesystem::file_size(tmp / "big") <= 4096);
  CHECK(read_file(tmp / "out.log").find("rc=0") == std::string::npos);
  (void)exit;
  auto nofile = shell(tmp, "ulimit -n");
  nofile.limits.open_files = 37;
  run(nofile);
  CHECK(read_file(tmp / "out.log").find("37") != std::string::npos);
}

TEST_CASE("child process: a missing program is an error at spawn", "[runtime][dispatcher]") {
  TempDir tmp;
  ProcessSpec spec = shell(tmp, "");
  spec.argv = {(tmp / "no-such-program").string()};
  CHECK_THROWS_WITH(ChildProcess::spawn(spec), Catch::Contains("cannot start"));
  CHECK_FALSE(resolve_executable("no-such-program-ivcap", kServicePath));
  CHECK(resolve_executable("./relative", kServicePath) == "./relative");
}

TEST_CASE("sandbox: bwrap confines writes and the network", "[runtime][dispatcher]") {
  TempDir tmp;
  std::string why;
  Sandbox sandbox = Sandbox::probe("/usr/bin/bwrap", tmp.path(), why);
  if (!sandbox.enabled()) IVCAPGEN_SKIP("bubblewrap does not work here: " + why);
  std::filesystem::create_directories(tmp / "order");
  std::filesystem::create_directories(tmp / "outside");
  ProcessSpec spec;
  spec.argv = sandbox.wrap({*resolve_executable("sh", kServicePath), "-c",
                            "echo in > inside.txt && echo ok-inside; "
                            "echo x > " +
                                (tmp / "outside" / "x").string() +
                                " || echo no-outside; "
                                "echo x > /usr/x 2>/dev/null || echo no-usr; "
                                "ls /root >/dev/null 2>&1 || echo no-root; "
                                "cat /etc/shadow >/dev/null 2>&1 || echo no-shadow"},
                           tmp / "order", false);
  spec.env = {std::string("PATH=") + kServicePath};
  spec.cwd = tmp / "order";
  spec.output = tmp / "order.log";
  auto exit = run(spec);
  CHECK(exit.success());
  std::string out = read_file(tmp / "order.log");
  CHECK(out.find("ok-inside") != std::string::npos);
  CHECK(out.find("no-outside") != std::string::npos);
  CHECK(out.find("no-usr") != std::string::npos);
  CHECK(out.find("no-root") != std::string::npos);
  CHECK(out.find("no-shadow") != std::string::npos);
  CHECK(std::filesystem::exists(tmp / "order" / "inside.txt"));
  CHECK_FALSE(std::filesystem::exists(tmp / "outside" / "x"));
}

TEST_CASE("sandbox: without bwrap, argv is unchanged", "[runtime][dispatcher]") {
  Sandbox none;
  CHECK_FALSE(none.enabled());
  CHECK(none.wrap({"/bin/true"}, "/tmp", false) == std::vector<std::string>{"/bin/true"});
  Sandbox bw(SandboxConfig{"/usr/bin/bwrap", true});
  auto argv = bw.wrap({"/bin/true"}, "/data/order", false);
  CHECK(argv.front() == "/usr/bin/bwrap");
  CHECK(argv.back() == "/bin/true");
  CHECK(std::find(argv.begin(), argv.end(), "--share-net") == argv.end());
  auto net = bw.wrap({"/bin/true"}, "/data/order", true);
  CHECK(std::find(net.begin(), net.end(), "--share-net") != net.end());
}
