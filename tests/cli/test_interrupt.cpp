// Ctrl-C during `apply`: the running program (here a terraform that never
// finishes) is stopped with its process group, ivcapgen exits 130 soon
// after, and nothing is left running.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "support/test_env.h"

using namespace ivcapgen::testing;
namespace fs = std::filesystem;

extern char** environ;

namespace {

const char* kAwsEnvironment = R"(apiVersion: ivcapgen/v1
kind: Environment
metadata: {name: scratch}
spec:
  provider: aws
  region: us-east-1
  domain: scratch.example.net
  cluster:
    nodePools:
      - {name: system, size: m6i.xlarge, min: 1, max: 2}
  secrets: {database-password: {ref: "aws-ssm://db/pw"}}
)";

template <class Predicate>
bool within(std::chrono::seconds limit, Predicate done) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

}  // namespace

TEST_CASE("Ctrl-C stops apply and the program it runs; exit 130") {
  TempDir dir;
  write_file(dir / "environment.yaml", kAwsEnvironment);
  const fs::path marker = dir / "terraform.pid";
  const fs::path terraform = dir / "terraform";
  write_file(terraform, "#!/bin/sh\necho $$ > " + marker.string() + ".tmp\nmv " + marker.string() +
                            ".tmp " + marker.string() + "\nexec sleep 30\n");
  fs::permissions(terraform, fs::perms::owner_all);

  std::string binary = std::string(IVCAPGEN_BINARY_DIR) + "/generator/ivcapgen";
  std::vector<std::string> args = {binary,
                                   "apply",
                                   (dir / "environment.yaml").string(),
                                   "--root",
                                   dir.path().string(),
                                   "--yes",
                                   "--no-progress",
                                   "--terraform",
                                   terraform.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, dir.path().c_str());
  std::string log = (dir / "stderr.log").string();
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);

  bool started = within(std::chrono::seconds(30), [&] { return fs::exists(marker); });
  if (!started) ::kill(pid, SIGKILL);
  INFO(read_file(log));
  REQUIRE(started);
  pid_t terraform_pid = std::stoi(read_file(marker));
  REQUIRE(::kill(pid, SIGINT) == 0);

  int status = 0;
  bool exited =
      within(std::chrono::seconds(10), [&] { return ::waitpid(pid, &status, WNOHANG) == pid; });
  if (!exited) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }
  REQUIRE(exited);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  std::string err = read_file(log);
  CHECK(err.find("interrupted") != std::string::npos);
  // The program was stopped with its process group, not left behind.
  CHECK(within(std::chrono::seconds(5),
               [&] { return !fs::exists("/proc/" + std::to_string(terraform_pid)); }));
}
