// The data-side pieces of the local provider: the token file (mode 0600,
// created once, refused when others can read it), runtime.json as the build
// emits it, the config-hash judgement, where runtime programs are found,
// the loopback HTTP client against a scripted server, catalog documents and
// the drift report renderings.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <thread>

#include "deploy/drift_commands.h"
#include "deploy/drift_render.h"
#include "deploy/local/component_supervisor.h"
#include "deploy/local/drift_report.h"
#include "deploy/local/local_declaration.h"
#include "deploy/local/local_target.h"
#include "deploy/local/loopback_http.h"
#include "deploy/local/runtime_locator.h"
#include "deploy/local/token_file.h"
#include "support/build_fixture.h"
#include "support/cli_fixture.h"
#include "support/test_env.h"

using namespace ivcapgen::deploy;
using namespace ivcapgen::deploy::local;
using ivcapgen::testing::read_file;
using ivcapgen::testing::TempDir;
using ivcapgen::testing::write_file;
namespace fs = std::filesystem;

namespace {

unsigned file_mode(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

const LocalDeclaration& local_declaration() {
  static const LocalDeclaration declared = [] {
    auto built = ivcapgen::testing::build_environment("environments/local.yaml");
    REQUIRE(built.model);
    std::string error;
    auto d = declaration_from_tree(built.tree, error);
    INFO(error);
    REQUIRE(d);
    return *d;
  }();
  return declared;
}

// A one-shot HTTP server on a kernel-chosen loopback port that answers the
// first connection with `response` and records the request.
class ScriptedServer {
 public:
  explicit ScriptedServer(std::string response) : response_(std::move(response)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::listen(fd_, 4) == 0);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      char buf[65536];
      ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n > 0) request_.assign(buf, static_cast<size_t>(n));
      ssize_t ignored = ::send(c, response_.data(), response_.size(), MSG_NOSIGNAL);
      (void)ignored;
      ::close(c);
    });
  }
  ~ScriptedServer() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }
  std::string request() {
    if (thread_.joinable()) thread_.join();
    return request_;
  }

 private:
  std::string response_, request_;
  int fd_ = -1, port_ = 0;
  std::thread thread_;
};

}  // namespace

TEST_CASE("the token file is created once, 0600, with 32 random bytes in hex", "[deploy][local]") {
  TempDir dir;
  fs::path file = dir / "token";
  bool created = false;
  std::string error;
  auto token = ensure_token_file(file, created, error);
  REQUIRE(token);
  CHECK(created);
  CHECK(token->size() == 64);
  CHECK(token->find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(file_mode(file) == 0600);
  CHECK(read_file(file) == *token + "\n");

  auto again = ensure_token_file(file, created, error);
  REQUIRE(again);
  CHECK_FALSE(created);
  CHECK(*again == *token);
  CHECK(generate_token() != generate_token());
}

TEST_CASE("a token file others can read is refused, naming the problem", "[deploy][local]") {
  TempDir dir;
  fs::path file = dir / "token";
  write_file(file, "abc\n");
  ::chmod(file.c_str(), 0644);
  std::string error;
  bool created = false;
  CHECK_FALSE(ensure_token_file(file, created, error));
  CHECK(error.find("mode 0644") != std::string::npos);
  CHECK(error.find("abc") == std::string::npos);  // never the token itself
  ::chmod(file.c_str(), 0600);
  CHECK(read_token_file(file, error) == std::optional<std::string>("abc"));
  write_file(file, "two words\n");
  ::chmod(file.c_str(), 0600);
  CHECK_FALSE(read_token_file(file, error));
}

TEST_CASE("runtime.json of the local environment parses in start order", "[deploy][local]") {
  const auto& d = local_declaration();
  CHECK(d.environment == "local");
  REQUIRE(d.runtime.components.size() == 4);
  std::vector<std::string> names;
  for (const auto& c : d.runtime.components) names.push_back(c.name);
  CHECK(names == std::vector<std::string>{"data-proxy", "exit-handler", "dispatcher", "gateway"});
  const auto* gateway = d.runtime.find("gateway");
  REQUIRE(gateway);
  CHECK(gateway->argv.front() == "ivcap-gateway");
  CHECK(gateway->health == "http://127.0.0.1:" + std::to_string(gateway->port) + "/healthz");
  CHECK(d.runtime.gateway == "http://127.0.0.1:" + std::to_string(gateway->port));
  auto dirs = gateway->writable_dirs();
  CHECK(std::find(dirs.begin(), dirs.end(), "data/gateway") != dirs.end());
  CHECK(std::find(dirs.begin(), dirs.end(), "logs") != dirs.end());
  // The catalog: every sample service, with its id.
  bool has_text_stats = false;
  for (const auto& s : d.services) {
    CHECK(s.id.rfind("urn:ivcap:service:", 0) == 0);
    if (s.name == "text-stats") has_text_stats = true;
  }
  CHECK(has_text_stats);
}

TEST_CASE("runtime.json that could escape the state directory is refused", "[deploy][local]") {
  auto doc = nlohmann::ordered_json::parse(R"({
    "version": 1, "environment": "x", "stateDir": ".ivcapgen/x", "tokenFile": "token",
    "gateway": "http://127.0.0.1:8180",
    "components": [{"component": "gateway", "program": "ivcap-gateway",
      "argv": ["ivcap-gateway", "--data-dir", "../../etc"], "port": 8180, "env": {},
      "health": "http://127.0.0.1:8180/healthz", "configHash": "abc"}]})");
  std::string error;
  CHECK_FALSE(parse_runtime_manifest(doc, error));
  CHECK(error.find("leaves the state directory") != std::string::npos);

  doc["components"][0]["argv"] = {"ivcap-gateway"};
  doc["components"][0]["health"] = "http://10.0.0.1:8180/healthz";
  CHECK_FALSE(parse_runtime_manifest(doc, error));
  CHECK(error.find("loopback") != std::string::npos);

  doc["components"][0]["health"] = "http://127.0.0.1:8180/healthz";
  doc["components"].push_back(doc["components"][0]);
  doc["components"][1]["component"] = "dispatcher";
  doc["components"][1]["program"] = "ivcap-dispatcher";
  doc["components"][1]["argv"] = {"ivcap-dispatcher"};
  CHECK_FALSE(parse_runtime_manifest(doc, error));
  CHECK(error.find("both use port 8180") != std::string::npos);
}

TEST_CASE("a component's config changed when the declared config hash differs", "[deploy][local]") {
  const auto& spec = *local_declaration().runtime.find("dispatcher");
  ComponentRecord record;
  record.config_hash = spec.config_hash;
  CHECK_FALSE(config_changed(spec, record));
  record.config_hash = "0" + spec.config_hash.substr(1);
  CHECK(config_changed(spec, record));

  // And the build's hash moves when the component's argv does (another port).
  ivcapgen::testing::EnvTree tree;
  std::string env = tree.environment(
      "  provider: local\n  services: []\n  runtime:\n    dispatcher: {port: 18282}\n", "local");
  auto built = ivcapgen::testing::build_environment(env);
  REQUIRE(built.model);
  std::string error;
  auto moved = declaration_from_tree(built.tree, error);
  REQUIRE(moved);
  CHECK(moved->runtime.find("dispatcher")->config_hash != spec.config_hash);
  CHECK(moved->runtime.find("data-proxy")->config_hash ==
        local_declaration().runtime.find("data-proxy")->config_hash);
}

TEST_CASE("runtime programs: --runtime-dir, then beside ivcapgen, then PATH", "[deploy][local]") {
  TempDir dir;
  auto make_exe = [](const fs::path& p) {
    write_file(p, "#!/bin/sh\n");
    ::chmod(p.c_str(), 0755);
  };
  make_exe(dir / "flag" / "ivcap-gateway");
  make_exe(dir / "build" / "runtime" / "ivcap-gateway");
  make_exe(dir / "bin" / "ivcap-gateway");
  fs::create_directories(dir / "build" / "generator");
  std::string error;

  RuntimeSearch search{dir / "flag", dir / "build" / "generator", (dir / "bin").string()};
  CHECK(locate_runtime_program("ivcap-gateway", search, error) == dir / "flag" / "ivcap-gateway");
  // A flag that names a folder without it is an error, not a fallback.
  search.runtime_dir = dir / "bin-absent";
  CHECK_FALSE(locate_runtime_program("ivcap-gateway", search, error));
  CHECK(error.find("--runtime-dir") != std::string::npos);

  search.runtime_dir.reset();
  CHECK(locate_runtime_program("ivcap-gateway", search, error) ==
        dir / "build" / "runtime" / "ivcap-gateway");
  search.executable_dir = dir / "elsewhere";
  CHECK(locate_runtime_program("ivcap-gateway", search, error) == dir / "bin" / "ivcap-gateway");
  search.path_value = "";
  CHECK_FALSE(locate_runtime_program("ivcap-gateway", search, error));
  CHECK(error.find("ivcap_runtime") != std::string::npos);
  CHECK_FALSE(locate_runtime_program("../ivcap-gateway", search, error));
}

TEST_CASE("loopback URLs: plain http to 127/8 or localhost with a port", "[deploy][local]") {
  auto u = parse_loopback_url("http://127.0.0.1:8180/healthz");
  REQUIRE(u);
  CHECK(u->host == "127.0.0.1");
  CHECK(u->port == 8180);
  CHECK(u->path == "/healthz");
  CHECK(parse_loopback_url("http://localhost:1")->path == "/");
  CHECK(parse_loopback_url("http://127.1.2.3:9")->port == 9);
  CHECK_FALSE(parse_loopback_url("https://127.0.0.1:8180/"));
  CHECK_FALSE(parse_loopback_url("http://10.0.0.1:8180/"));
  CHECK_FALSE(parse_loopback_url("http://127.0.0.1/"));
  CHECK_FALSE(parse_loopback_url("http://127.0.0.1:99999/"));
  CHECK(encode_path_segment("urn:ivcap:service:a b/c") == "urn:ivcap:service:a%20b%2Fc");
}

TEST_CASE("the loopback client sends one request and reads the answer", "[deploy][local]") {
  SECTION("content-length") {
    ScriptedServer server(
        "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
        "{\"id\":\"x\"}\nextra");
    HttpRequest r;
    r.method = "PUT";
    r.port = server.port();
    r.target = "/1/services/abc";
    r.headers["Authorization"] = "Bearer t0ken";
    r.body = "{\"name\":\"n\"}";
    auto outcome = send_request(r);
    REQUIRE(outcome.ok());
    CHECK(outcome.response->status == 201);
    CHECK(outcome.response->headers.at("content-type") == "application/json");
    CHECK(outcome.response->body == "{\"id\":\"x\"}\n");
    std::string sent = server.request();
    CHECK(sent.rfind("PUT /1/services/abc HTTP/1.1\r\n", 0) == 0);
    CHECK(sent.find("Authorization: Bearer t0ken\r\n") != std::string::npos);
    CHECK(sent.find("Content-Length: 12\r\n") != std::string::npos);
    CHECK(sent.substr(sent.size() - 12) == "{\"name\":\"n\"}");
  }
  SECTION("chunked") {
    ScriptedServer server(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n "
        "world\r\n0\r\n\r\n");
    HttpRequest r;
    r.port = server.port();
    auto outcome = send_request(r);
    REQUIRE(outcome.ok());
    CHECK(outcome.response->body == "hello world");
  }
  SECTION("nobody listening") {
    int port = 0;
    {
      ScriptedServer server("");
      port = server.port();
    }
    HttpRequest r;
    r.port = port;
    auto outcome = send_request(r);
    CHECK_FALSE(outcome.ok());
    CHECK(outcome.error.find("refused") != std::string::npos);
    CHECK_FALSE(port_accepts_connections("127.0.0.1", port));
  }
}

TEST_CASE("catalog documents and canonical hashes", "[deploy][local]") {
  std::string error;
  auto docs = catalog_documents({{"catalog/b.json", R"({"name":"b","id":"urn:ivcap:service:2"})"},
                                 {"catalog/a.json", R"({"name":"a","id":"urn:ivcap:service:1"})"}},
                                error);
  REQUIRE(docs);
  REQUIRE(docs->size() == 2);
  CHECK(docs->front().name == "a");
  CHECK(docs->front().hash.size() == 64);
  CHECK_FALSE(catalog_documents({{"catalog/c.json", R"({"name":"c"})"}}, error));
  CHECK(error.find("catalog/c.json") != std::string::npos);
  CHECK(canonical_json_hash(R"({"a":1,"b":[1,2]})") ==
        canonical_json_hash(R"({"b":[1,2], "a":1})"));
  CHECK(canonical_json_hash(R"({"a":1})") != canonical_json_hash(R"({"a":2})"));
}

TEST_CASE("a check becomes a plan: missing and dead create, changed replace, unexpected delete",
          "[deploy][local]") {
  DriftReport r;
  r.environment = "local";
  r.items.push_back({"local/data-proxy", "component", "data-proxy", {}, "pid 41", "", "", false});
  r.items.push_back({"local/dispatcher",
                     "component",
                     "dispatcher",
                     {"dead"},
                     "process 42 is gone",
                     "",
                     "",
                     false});
  r.items.push_back({"local/gateway",
                     "component",
                     "gateway",
                     {"config-changed"},
                     "running with configHash aaa, declared bbb",
                     "aaa",
                     "bbb",
                     true});
  r.items.push_back(
      {"local/old", "component", "old", {"unexpected"}, "no longer declared", "", "", false});
  r.items.push_back({"service/urn:ivcap:service:1",
                     "service",
                     "text-stats",
                     {"unregistered"},
                     "GET answered 404 | twice",
                     "",
                     "h",
                     false});
  r.items.push_back({"service/urn:ivcap:service:2",
                     "service",
                     "hello",
                     {"modified"},
                     "the gateway's document differs",
                     "h2",
                     "h2",
                     false});
  r.notes.push_back("something was not checked");
  CHECK(r.drifted());
  CHECK(r.drifted_keys().size() == 5);

  State state;
  state.serial = 7;
  state.lineage = "L";
  Plan plan = plan_from_check(r, state, false);
  REQUIRE(plan.waves.size() == 2);
  CHECK(plan.serial == 7);
  const auto& runtime = plan.waves[0].changes;
  REQUIRE(runtime.size() == 3);  // the in-sync data-proxy is left out of a drift plan
  CHECK(runtime[0].address == "component dispatcher");
  CHECK(runtime[0].action == Action::Create);
  CHECK(runtime[0].key == "local/dispatcher");
  CHECK(runtime[0].reason == "dead: process 42 is gone");
  CHECK(runtime[1].action == Action::Replace);
  REQUIRE(runtime[1].diff.size() == 1);
  CHECK(runtime[1].diff[0].path == "configHash");
  CHECK(runtime[2].action == Action::Delete);
  const auto& services = plan.waves[1].changes;
  REQUIRE(services.size() == 2);
  CHECK(services[0].action == Action::Create);
  CHECK(services[1].action == Action::Update);
  CHECK(plan.waves[1].notes == std::vector<std::string>{"something was not checked"});
  CHECK(plan_from_check(r, state, true).waves[0].changes.size() == 4);

  // And the drift printers read it as missing / modified / unexpected.
  std::string text = render_drift_text(plan, "local");
  CHECK(text.find("component dispatcher: missing (dead: process 42 is gone)") != std::string::npos);
  CHECK(text.find("configHash: aaa -> bbb") != std::string::npos);
  CHECK(text.find("5 drifted in environment 'local': 2 missing, 2 modified, 1 unexpected.") !=
        std::string::npos);
  std::string md = render_drift_markdown(plan, "local");
  CHECK(md.find("| `component dispatcher` | missing |") != std::string::npos);
  CHECK(md.find("404 \\| twice") != std::string::npos);
  auto j = drift_json(plan, "local");
  CHECK(j["version"] == kDriftFormatVersion);
  CHECK(j["drifted"] == true);
  CHECK(j["summary"]["unexpected"] == 1);
  CHECK(j["items"][0]["address"] == "component dispatcher");
  CHECK(j["items"][0]["drift"] == "missing");

  Plan kept = without_deletions(plan);
  CHECK(count_drift(kept).unexpected == 0);
  CHECK(count_drift(kept).total() == 4);
  CHECK(render_drift_text(plan_from_check(DriftReport{"local", {}, {}}, state, false), "local")
            .find("No drift") != std::string::npos);
}
