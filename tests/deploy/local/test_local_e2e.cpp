// The local provider end to end, with the real runtime programs and the
// real ivcapgen executable, on loopback ports chosen at run time:
//   apply → apply again (nothing restarts) → upload an artifact and order
//   text-stats through the gateway → read stats.json → kill -9 the
//   dispatcher → drift exits 2 naming it → reconcile → drift is clean →
//   order again → destroy leaves no process and no listening port.
// Skipped when the runtime programs are not built. Whatever happens, every
// process the environment recorded is killed at the end (by pid, checked
// against its start time, so a stranger that inherits a pid is left alone).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "deploy/local/component_record.h"
#include "deploy/local/loopback_http.h"
#include "model/model.h"
#include "support/test_env.h"
#include "tools/process_runner.h"

using namespace ivcapgen::deploy;
using namespace ivcapgen::deploy::local;
using ivcapgen::testing::read_file;
using ivcapgen::testing::TempDir;
using ivcapgen::testing::write_file;
using JsonDoc = nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kPrograms = {"ivcap-gateway", "ivcap-dispatcher", "ivcap-data-proxy",
                                            "ivcap-exit-handler"};

// Four distinct loopback ports that were free a moment ago.
std::vector<int> free_ports(size_t n) {
  std::vector<int> fds, ports;
  for (size_t i = 0; i < n; ++i) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    fds.push_back(fd);
    ports.push_back(ntohs(a.sin_port));
  }
  for (int fd : fds) ::close(fd);
  return ports;
}

std::map<std::string, ComponentRecord> recorded_components(const fs::path& state_file) {
  std::map<std::string, ComponentRecord> out;
  std::ifstream in(state_file);
  if (!in) return out;
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  auto state = state_from_json(Json::parse(text.str(), nullptr, false), error);
  if (!state) return out;
  for (const auto& [key, entry] : state->inventory) {
    if (key.rfind(kComponentKeyPrefix, 0) != 0) continue;
    if (auto r = ComponentRecord::from_entry(entry))
      out[key.substr(std::string(kComponentKeyPrefix).size())] = *r;
  }
  return out;
}

// Kills, at the end of the test, every process the environment's state has
// recorded at any point it was looked at, plus what it records then.
class ProcessReaper {
 public:
  explicit ProcessReaper(fs::path state_file) : state_file_(std::move(state_file)) {}
  ~ProcessReaper() {
    remember();
    for (const auto& identity : seen_) {
      if (check_process(identity, {}).state == ProcessState::Running) {
        ::kill(identity.pid, SIGKILL);
      }
    }
  }
  std::map<std::string, ComponentRecord> remember() {
    auto now = recorded_components(state_file_);
    for (const auto& [_, r] : now) seen_.push_back(r.process);
    return now;
  }

 private:
  fs::path state_file_;
  std::vector<ProcessIdentity> seen_;
};

struct Cli {
  int code = -1;
  std::string out, err;
};

class Gateway {
 public:
  Gateway(int port, std::string token) : port_(port), token_(std::move(token)) {}

  HttpResponse call(const std::string& method, const std::string& target,
                    const std::string& body = "",
                    std::map<std::string, std::string> headers = {}) const {
    HttpRequest r;
    r.method = method;
    r.port = port_;
    r.target = target;
    r.body = body;
    r.headers = std::move(headers);
    r.headers["Authorization"] = "Bearer " + token_;
    r.timeout = std::chrono::seconds(10);
    auto outcome = send_request(r);
    INFO(method << " " << target << ": " << outcome.error);
    REQUIRE(outcome.ok());
    return *outcome.response;
  }

  // Uploads `text`, orders text-stats on it and waits for the order to end;
  // returns the parsed stats.json result.
  JsonDoc order_text_stats(const std::string& service_id, const std::string& text) const {
    auto upload =
        call("POST", "/1/artifacts?name=input.txt", text, {{"Content-Type", "text/plain"}});
    INFO(upload.body);
    REQUIRE((upload.status == 201 || upload.status == 200));
    std::string artifact = JsonDoc::parse(upload.body)["id"];
    JsonDoc order_body = {{"service", service_id},
                          {"parameters", {{{"name", "input"}, {"value", artifact}}}}};
    auto ordered =
        call("POST", "/1/orders", order_body.dump(), {{"Content-Type", "application/json"}});
    INFO(ordered.body);
    REQUIRE(ordered.status == 201);
    std::string order_id = JsonDoc::parse(ordered.body)["id"];
    JsonDoc order;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
      auto r = call("GET", "/1/orders/" + encode_path_segment(order_id));
      REQUIRE(r.status == 200);
      order = JsonDoc::parse(r.body);
      std::string status = order.value("status", "");
      if (status == "succeeded" || status == "failed" || status == "error") break;
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    INFO(order.dump(2));
    REQUIRE(order["status"] == "succeeded");
    for (const auto& result : order["results"]) {
      if (result.value("name", "") != "stats.json") continue;
      auto content =
          call("GET", "/1/artifacts/" + encode_path_segment(result["id"].get<std::string>()));
      REQUIRE(content.status == 200);
      return JsonDoc::parse(content.body);
    }
    FAIL("the order has no stats.json result");
    return {};
  }

 private:
  int port_;
  std::string token_;
};

}  // namespace

TEST_CASE("local provider end to end: apply, order, drift, reconcile, destroy",
          "[deploy][local][e2e]") {
  fs::path runtime_dir = ivcapgen::testing::binary_dir() / "runtime";
  for (const auto& p : kPrograms) {
    if (!fs::exists(runtime_dir / p)) {
      IVCAPGEN_SKIP(
          "the runtime programs are not built (cmake --build BUILD --target ivcap_runtime)");
    }
  }
  REQUIRE(fs::exists(ivcapgen::testing::ivcapgen_exe()));

  // A copy of the local environment with free ports, and the sample service.
  TempDir dir;
  auto ports = free_ports(4);
  std::map<std::string, int> port = {{"gateway", ports[0]},
                                     {"dispatcher", ports[1]},
                                     {"data-proxy", ports[2]},
                                     {"exit-handler", ports[3]}};
  write_file(dir / "environments" / "e2e.yaml",
             "apiVersion: ivcapgen/v1\nkind: Environment\nmetadata:\n  name: e2e\nspec:\n"
             "  provider: local\n  runtime:\n"
             "    gateway: {port: " +
                 std::to_string(port["gateway"]) +
                 "}\n"
                 "    dispatcher: {port: " +
                 std::to_string(port["dispatcher"]) +
                 "}\n"
                 "    dataProxy: {port: " +
                 std::to_string(port["data-proxy"]) +
                 "}\n"
                 "    exitHandler: {port: " +
                 std::to_string(port["exit-handler"]) + "}\n");
  write_file(dir / "environments" / "services" / "text-stats.yaml",
             read_file(ivcapgen::testing::source_dir() / "environments/services/text-stats.yaml"));
  const std::string env = "environments/e2e.yaml";
  fs::path state_dir = dir / ".ivcapgen" / "e2e";
  ProcessReaper reaper(state_dir / "state.json");

  auto ivcapgen = [&](std::vector<std::string> args) {
    ivcapgen::tools::ProcessRunner runner;
    ivcapgen::tools::Command c;
    c.argv = {ivcapgen::testing::ivcapgen_exe().string()};
    c.argv.insert(c.argv.end(), args.begin(), args.end());
    c.argv.push_back("--no-progress");
    c.cwd = dir.path();
    c.timeout = std::chrono::seconds(60);
    auto r = runner.run(c);
    reaper.remember();
    return Cli{r.outcome == ivcapgen::tools::Outcome::Exited ? r.exit_code : -1, r.out, r.err};
  };

  // apply: four processes, healthy, and the catalog registered.
  Cli applied = ivcapgen({"apply", env, "--yes"});
  INFO(applied.err);
  REQUIRE(applied.code == 0);
  auto first = reaper.remember();
  REQUIRE(first.size() == 4);
  for (const auto& [name, record] : first) {
    CHECK(check_process(record.process, record.argv).state == ProcessState::Running);
    CHECK(record.port == port[name]);
  }
  CHECK(read_file(state_dir / "token").size() == 65);

  // apply again: nothing restarts, the service is unchanged.
  Cli again = ivcapgen({"apply", env, "--yes"});
  INFO(again.err);
  REQUIRE(again.code == 0);
  for (const auto& [name, record] : reaper.remember()) {
    CHECK(record.process.pid == first[name].process.pid);
  }

  // Order text-stats through the gateway and read its result.
  Gateway gateway(port["gateway"], read_file(state_dir / "token").substr(0, 64));
  const std::string service = ivcapgen::model::derive_service_id("ivcap", "text-stats");
  JsonDoc stats = gateway.order_text_stats(service, "Hello IVCAP\nhello world, hello\n");
  CHECK(stats["lines"] == 2);
  CHECK(stats["words"] == 5);
  CHECK(stats["top"][0] == JsonDoc::array({"hello", 3}));

  // kill -9 the dispatcher: drift names it and exits 2.
  const auto& dispatcher = first["dispatcher"];
  REQUIRE(::kill(dispatcher.process.pid, SIGKILL) == 0);
  for (int i = 0; i < 100 && check_process(dispatcher.process, {}).state == ProcessState::Running;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Cli drift = ivcapgen({"drift", env});
  INFO(drift.out << drift.err);
  CHECK(drift.code == 2);
  CHECK(drift.out.find("component dispatcher") != std::string::npos);
  CHECK(drift.out.find("dead") != std::string::npos);
  Cli drift_json = ivcapgen({"drift", env, "--format", "json"});
  REQUIRE(drift_json.code == 2);
  auto report = JsonDoc::parse(drift_json.out);
  REQUIRE(report["items"].size() == 1);
  CHECK(report["items"][0]["address"] == "component dispatcher");
  CHECK(report["items"][0]["drift"] == "missing");

  // reconcile: the dispatcher alone is restarted, and drift is clean again.
  Cli reconciled = ivcapgen({"reconcile", env});
  INFO(reconciled.out << reconciled.err);
  REQUIRE(reconciled.code == 0);
  auto after = reaper.remember();
  CHECK(after["dispatcher"].process.pid != dispatcher.process.pid);
  for (const char* same : {"gateway", "data-proxy", "exit-handler"}) {
    CHECK(after[same].process.pid == first[same].process.pid);
  }
  Cli clean = ivcapgen({"drift", env});
  INFO(clean.out << clean.err);
  CHECK(clean.code == 0);

  JsonDoc again_stats = gateway.order_text_stats(service, "one two two\n");
  CHECK(again_stats["words"] == 3);

  // destroy: no process and no listening port is left.
  Cli destroyed = ivcapgen({"destroy", env, "--yes"});
  INFO(destroyed.err);
  REQUIRE(destroyed.code == 0);
  for (const auto& [name, record] : after) {
    CHECK(check_process(record.process, {}).state == ProcessState::Gone);
    CHECK_FALSE(port_accepts_connections("127.0.0.1", port[name]));
  }
  CHECK(recorded_components(state_dir / "state.json").empty());
  CHECK(fs::exists(state_dir / "token"));  // kept unless --purge
}
