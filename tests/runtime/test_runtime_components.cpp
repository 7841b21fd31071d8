// Process-level tests of each component on its own: startup refusals, health,
// auth, bad requests, graceful SIGTERM.
#include <catch2/catch.hpp>

#include "runtime_harness.h"

using namespace ivcap::runtime::testing;
using ivcapgen::testing::TempDir;
using nlohmann::json;

namespace {

const std::vector<std::pair<std::string, std::string>> kPrograms = {
    {"gateway", IVCAP_GATEWAY_EXE},
    {"dispatcher", IVCAP_DISPATCHER_EXE},
    {"data-proxy", IVCAP_DATA_PROXY_EXE},
    {"exit-handler", IVCAP_EXIT_HANDLER_EXE}};

}  // namespace

TEST_CASE("every program: --help, unknown flag exits 64", "[runtime][process]") {
  for (const auto& [name, exe] : kPrograms) {
    INFO(name);
    auto help = run_to_completion(exe, {"--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.output.find("--listen HOST:PORT") != std::string::npos);
    CHECK(help.output.find("--token-file FILE") != std::string::npos);
    auto unknown = run_to_completion(exe, {"--listen", "127.0.0.1:0", "--frobnicate", "1"});
    CHECK(unknown.exit_code == 64);
    CHECK(unknown.output.find("unknown flag '--frobnicate'") != std::string::npos);
  }
}

TEST_CASE("startup refuses a readable token file and a non-loopback address",
          "[runtime][process]") {
  TempDir tmp;
  auto token = write_token_file(tmp / "token", 0644);
  auto open_token = run_to_completion(
      IVCAP_DATA_PROXY_EXE,
      {"--listen", "127.0.0.1:0", "--token-file", token, "--storage-dir", (tmp / "s").string()});
  CHECK(open_token.exit_code == 1);
  CHECK(open_token.output.find("must not be accessible by group or others") != std::string::npos);
  CHECK(open_token.output.find(kTestToken) == std::string::npos);

  auto safe = write_token_file(tmp / "token2", 0600);
  auto public_addr = run_to_completion(
      IVCAP_EXIT_HANDLER_EXE,
      {"--listen", "0.0.0.0:0", "--token-file", safe, "--data-dir", (tmp / "e").string()});
  CHECK(public_addr.exit_code == 64);
  CHECK(public_addr.output.find("loopback") != std::string::npos);
}

TEST_CASE("data proxy: auth, traversal, malformed ids, size limit, SIGTERM", "[runtime][process]") {
  TempDir tmp;
  auto token = write_token_file(tmp / "token", 0600);
  ComponentProcess proxy(
      "data-proxy", IVCAP_DATA_PROXY_EXE,
      {"--token-file", token, "--storage-dir", (tmp / "store").string(), "--max-body-bytes", "1Ki"},
      tmp.path());
  auto health = proxy.client(std::nullopt)->Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(json::parse(health->body) == json{{"status", "ok"}, {"component", "data-proxy"}});

  auto anonymous = proxy.client(std::nullopt)->Post("/1/artifacts", "x", "text/plain");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  CHECK(json::parse(anonymous->body)["error"] == "unauthorized");
  auto wrong = proxy.client("not-the-token")->Get("/1/artifacts/x");
  REQUIRE(wrong);
  CHECK(wrong->status == 401);

  auto api = proxy.client();
  auto put = api->Post("/1/artifacts?name=greeting.txt", "hello", "text/plain");
  REQUIRE(put);
  CHECK(put->status == 201);
  json meta = json::parse(put->body);
  CHECK(meta["id"] ==
        "urn:ivcap:artifact:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  auto again = api->Post("/1/artifacts", "hello", "text/plain");
  CHECK(again->status == 200);

  auto got = api->Get("/1/artifacts/" + meta["id"].get<std::string>());
  REQUIRE(got);
  CHECK(got->status == 200);
  CHECK(got->body == "hello");
  CHECK(got->get_header_value("Content-Type") == "text/plain");
  CHECK(got->get_header_value("X-Artifact-Name") == "greeting.txt");

  for (std::string bad : {"/1/artifacts/..%2F..%2F..%2Fetc%2Fpasswd",
                          "/1/artifacts/urn:ivcap:artifact:..%2F..%2Fblobs",
                          "/1/artifacts/urn:ivcap:artifact:2CF24DBA", "/1/artifacts/%00"}) {
    INFO(bad);
    auto r = api->Get(bad);
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(json::parse(r->body)["error"] == "malformed-id");
  }
  auto unknown = api->Get("/1/artifacts/urn:ivcap:artifact:" + std::string(64, '0'));
  CHECK(unknown->status == 404);

  auto big = api->Post("/1/artifacts", std::string(4096, 'x'), "application/octet-stream");
  REQUIRE(big);
  CHECK(big->status == 413);
  CHECK(json::parse(big->body)["error"] == "payload-too-large");

  int port = proxy.port();
  CHECK(proxy.stop() == 0);
  CHECK_FALSE(port_is_open(port));
  std::string log = ivcapgen::testing::read_file(proxy.log_file());
  CHECK(log.find(kTestToken) == std::string::npos);
  CHECK(log.find("\"msg\":\"stopped\"") != std::string::npos);
}

TEST_CASE("exit handler: records outcomes and serves stats", "[runtime][process]") {
  TempDir tmp;
  auto token = write_token_file(tmp / "token", 0600);
  ComponentProcess eh("exit-handler", IVCAP_EXIT_HANDLER_EXE,
                      {"--token-file", token, "--data-dir", (tmp / "eh").string()}, tmp.path());
  auto api = eh.client();
  const std::string order = "urn:ivcap:order:11111111-2222-4333-8444-555555555555";
  const std::string service = "urn:ivcap:service:aaaaaaaa-2222-4333-8444-555555555555";
  json report = {{"service", service},
                 {"status", "succeeded"},
                 {"started-at", "2024-01-01T00:00:00Z"},
                 {"finished-at", "2024-01-01T00:00:03Z"}};
  auto posted = api->Post("/1/orders/" + order + "/exit", report.dump(), "application/json");
  REQUIRE(posted);
  CHECK(posted->status == 200);
  auto got = api->Get("/1/orders/" + order);
  CHECK(json::parse(got->body)["runtime-seconds"] == 3.0);
  auto stats = json::parse(api->Get("/1/stats")->body);
  CHECK(stats["services"][0]["service"] == service);
  CHECK(stats["services"][0]["succeeded"] == 1);

  auto malformed = api->Post("/1/orders/" + order + "/exit", "{\"status\":", "application/json");
  CHECK(malformed->status == 400);
  CHECK(json::parse(malformed->body)["error"] == "malformed-json");
  auto bad_id = api->Post("/1/orders/nope/exit", report.dump(), "application/json");
  CHECK(bad_id->status == 400);
  CHECK(api->Get("/1/orders/urn:ivcap:order:00000000-0000-4000-8000-000000000000")->status == 404);
  CHECK(api->Get("/no/such/route")->status == 404);
  CHECK(eh.stop() == 0);
}
