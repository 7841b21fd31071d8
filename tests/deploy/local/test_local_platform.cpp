// LocalPlatform's failure paths, with stand-in programs instead of the real
// runtime: a component that exits at start, one that never becomes ready,
// a port someone else holds, a program that is not there. Each failure must
// name the component, say what happened, quote its log, and leave no
// process behind. (The successful path runs the real runtime in
// test_local_e2e.cpp.)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "deploy/local/local_platform.h"
#include "support/test_env.h"

using namespace ivcapgen::deploy;
using namespace ivcapgen::deploy::local;
using ivcapgen::testing::TempDir;
using ivcapgen::testing::write_file;
namespace fs = std::filesystem;

namespace {

// A loopback port nobody listens on (the kernel's choice), or, while the
// returned socket is kept open, one that is taken.
struct LoopbackPort {
  int fd = -1;
  int port = 0;
  explicit LoopbackPort(bool listen) {
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
    if (listen) {
      REQUIRE(::listen(fd, 1) == 0);
    } else {
      ::close(fd);
      fd = -1;
    }
  }
  ~LoopbackPort() {
    if (fd >= 0) ::close(fd);
  }
};

struct Fixture {
  TempDir dir;
  fs::path bin = dir / "bin";
  fs::path state_dir = dir / "state";
  StateStore store{state_dir};
  State state;

  Fixture() {
    std::string error;
    auto loaded = store.load("test", error);
    REQUIRE(loaded);
    state = *loaded;
    fs::create_directories(bin);
  }

  void program(const std::string& name, const std::string& script) {
    write_file(bin / name, "#!/bin/sh\n" + script + "\n");
    ::chmod((bin / name).c_str(), 0755);
  }

  LocalDeclaration declaration(int port) const {
    LocalDeclaration d;
    d.environment = "test";
    d.runtime.environment = "test";
    d.runtime.token_file = "token";
    d.runtime.gateway = "http://127.0.0.1:" + std::to_string(port);
    RuntimeComponentSpec c;
    c.name = "gateway";
    c.program = "ivcap-gateway";
    c.argv = {"ivcap-gateway", "--listen", "127.0.0.1:" + std::to_string(port), "--data-dir",
              "data/gateway"};
    c.port = port;
    c.health = d.runtime.gateway + "/healthz";
    c.config_hash = "hash-1";
    d.runtime.components.push_back(c);
    return d;
  }

  LocalPlatform platform() const {
    LocalOptions o;
    o.state_dir = state_dir;
    o.search = RuntimeSearch{bin, {}, ""};
    o.timings.ready_timeout = std::chrono::milliseconds(600);
    o.timings.stop_grace = std::chrono::milliseconds(300);
    return LocalPlatform(o);
  }
};

}  // namespace

TEST_CASE("a component that exits at start: its name, and the tail of its log", "[deploy][local]") {
  Fixture f;
  f.program("ivcap-gateway",
            "echo \"ivcap-gateway: cannot open data/gateway/gateway.db\" >&2\nexit 1");
  LoopbackPort free_port(false);
  auto result = f.platform().apply(f.declaration(free_port.port), f.state, f.store);
  REQUIRE_FALSE(result.ok);
  REQUIRE(result.errors.size() == 1);
  const std::string& e = result.errors.front();
  CHECK(e.find("gateway") == 0);
  CHECK(e.find("exited while starting") != std::string::npos);
  CHECK(e.find("cannot open data/gateway/gateway.db") != std::string::npos);
  CHECK(result.failed_wave == 4);
  CHECK(f.state.inventory.count("local/gateway") == 0);
  // The state directory was prepared: private, with a 0600 token and the data dir.
  struct stat st {};
  REQUIRE(::stat((f.state_dir / "token").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(fs::is_directory(f.state_dir / "data" / "gateway"));
  CHECK(f.state.last_apply["result"] == "failed");
}

TEST_CASE("a component that never becomes ready is stopped, and the error says so",
          "[deploy][local]") {
  Fixture f;
  f.program("ivcap-gateway", "echo listening soon\nwhile :; do sleep 1; done");
  LoopbackPort free_port(false);
  auto result = f.platform().apply(f.declaration(free_port.port), f.state, f.store);
  REQUIRE_FALSE(result.ok);
  const std::string& e = result.errors.front();
  CHECK(e.find("gateway (pid ") == 0);
  CHECK(e.find("did not become ready within") != std::string::npos);
  CHECK(e.find("listening soon") != std::string::npos);
  // The pid in the message is gone, and the state does not keep it.
  int pid = std::stoi(e.substr(std::string("gateway (pid ").size()));
  CHECK_FALSE(read_process_identity(pid));
  CHECK(f.state.inventory.count("local/gateway") == 0);
}

TEST_CASE("a port held by another process is named before anything starts", "[deploy][local]") {
  Fixture f;
  f.program("ivcap-gateway", "exec sleep 30");
  LoopbackPort taken(true);
  auto result = f.platform().apply(f.declaration(taken.port), f.state, f.store);
  REQUIRE_FALSE(result.ok);
  CHECK(result.errors.front().find("127.0.0.1:" + std::to_string(taken.port) +
                                   " is already in use") != std::string::npos);
  CHECK(result.errors.front().find("spec.runtime.gateway.port") != std::string::npos);
}

TEST_CASE("a missing runtime program is reported with how to build it", "[deploy][local]") {
  Fixture f;
  LoopbackPort free_port(false);
  auto result = f.platform().apply(f.declaration(free_port.port), f.state, f.store);
  REQUIRE_FALSE(result.ok);
  CHECK(result.errors.front().find("cannot find ivcap-gateway") != std::string::npos);
}

TEST_CASE("check reports what was never started and what is recorded but not declared",
          "[deploy][local]") {
  Fixture f;
  LoopbackPort free_port(false);
  auto declared = f.declaration(free_port.port);
  ComponentRecord gone;
  gone.process = ProcessIdentity{999999, 1, current_boot_id()};  // beyond pid_max: never alive
  gone.port = free_port.port + 1;
  gone.config_hash = "old";
  gone.started = "2024-01-01T00:00:00Z";
  f.state.inventory["local/old-component"] = gone.to_entry();
  auto report = f.platform().check(declared, f.state);
  REQUIRE(report.items.size() == 2);
  CHECK(report.items[0].key == "local/gateway");
  CHECK(report.items[0].problems == std::vector<std::string>{"missing"});
  CHECK(report.items[1].key == "local/old-component");
  CHECK(report.items[1].problems == std::vector<std::string>{"unexpected"});
  CHECK(report.drifted());

  // A recorded gateway whose process is gone is dead, and its config change is moot.
  ComponentRecord dead = gone;
  dead.config_hash = "hash-0";
  f.state.inventory["local/gateway"] = dead.to_entry();
  report = f.platform().check(declared, f.state);
  CHECK(report.items[0].problems == std::vector<std::string>{"dead"});
  CHECK(report.items[0].detail.find("process 999999 is gone") != std::string::npos);
}
