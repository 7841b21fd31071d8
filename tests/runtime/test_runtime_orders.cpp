// End-to-end tests of the local runtime: all four components started as
// processes on loopback, driven through the gateway like a user with curl.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <thread>

#include "runtime_harness.h"
#include "tar_writer.h"

using namespace ivcap::runtime::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

json basic(const json& local_command) {
  return {{"$schema", "urn:ivcap:schema.service.basic.1"},
          {"image", "example/never-pulled:1"},
          {"command", {"python", "/app/service.py"}},
          {"local", {{"command", local_command}}}};
}

bool have_python3() {
  return access("/usr/bin/python3", X_OK) == 0;
}

void check_clean_stop(RuntimeStack& stack) {
  std::vector<int> ports = {stack.gateway->port(), stack.dispatcher->port(),
                            stack.data_proxy->port(), stack.exit_handler->port()};
  for (const auto& [name, code] : stack.stop_all()) {
    INFO(name);
    CHECK(code == 0);
  }
  for (int port : ports) CHECK_FALSE(port_is_open(port));
}

}  // namespace

TEST_CASE("gateway: auth, malformed JSON, unknown service, oversized body",
          "[runtime][process][e2e]") {
  StackOptions options;
  options.gateway_flags = {"--max-body-bytes", "8Ki"};
  RuntimeStack stack(options);
  auto no_token = stack.gateway->client(std::nullopt)->Get("/1/services");
  CHECK(no_token->status == 401);
  auto wrong = stack.gateway->client("wrong-token")->Get("/1/services");
  CHECK(wrong->status == 401);
  CHECK(json::parse(wrong->body)["error"] == "unauthorized");
  CHECK(stack.gateway->client(std::nullopt)->Get("/healthz")->status == 200);

  auto api = stack.api();
  auto malformed = api->Post("/1/services", "{\"name\": ", "application/json");
  CHECK(malformed->status == 400);
  json err = json::parse(malformed->body);
  CHECK(err["error"] == "malformed-json");
  CHECK(err["message"].get<std::string>().find("not valid JSON") != std::string::npos);
  CHECK(api->Post("/1/orders", "[1,2]", "application/json")->status == 400);

  auto [status, body] = stack.post(
      "/1/orders", {{"service", "urn:ivcap:service:00000000-0000-4000-8000-000000000000"}});
  CHECK(status == 404);
  CHECK(body["error"] == "not-found");
  CHECK(stack.post("/1/orders", {{"service", "../etc"}}).first == 400);
  CHECK(stack.get("/1/services/urn:ivcap:service:00000000-0000-4000-8000-000000000000").first ==
        404);

  auto big = api->Post("/1/artifacts", std::string(64 * 1024, 'x'), "application/octet-stream");
  REQUIRE(big);
  CHECK(big->status == 413);
  auto traversal = api->Get("/1/artifacts/..%2F..%2Fetc%2Fpasswd");
  CHECK(traversal->status == 400);

  // Registration is idempotent by id; PUT updates.
  json doc = service_doc("echo", basic({"echo", "hi"}));
  auto [s1, created] = stack.post("/1/services", doc);
  CHECK(s1 == 201);
  CHECK(created["controller"]["$schema"] == "urn:ivcap:schema:service.basic.1");
  CHECK(stack.post("/1/services", doc).first == 200);
  doc["description"] = "An updated description of the test service.";
  auto put =
      api->Put("/1/services/" + created["id"].get<std::string>(), doc.dump(), "application/json");
  CHECK(put->status == 200);
  auto [s2, listed] = stack.get("/1/services");
  CHECK(s2 == 200);
  REQUIRE(listed["items"].size() == 1);
  CHECK(listed["items"][0]["description"] == "An updated description of the test service.");
  check_clean_stop(stack);
}

TEST_CASE("ordering app-server and unknown controllers gives two distinct errors",
          "[runtime][process][e2e]") {
  RuntimeStack stack;
  std::string artifact = "urn:ivcap:artifact:" + std::string(64, 'a');
  auto app = stack.register_service(
      service_doc("site", {{"$schema", "urn:ivcap:schema:service.app-server.1"},
                           {"host", "site"},
                           {"artifact", artifact},
                           {"404", "index.html"}}));
  auto unknown = stack.register_service(
      service_doc("quantum", {{"$schema", "urn:ivcap:schema:service.quantum.1"}}));
  auto [s1, e1] = stack.post("/1/orders", {{"service", app}});
  auto [s2, e2] = stack.post("/1/orders", {{"service", unknown}});
  CHECK(s1 == 422);
  CHECK(e1["error"] == "controller-not-orderable");
  CHECK(e1["message"] == "controller 'service.app-server.1' is known but cannot be ordered");
  CHECK(s2 == 422);
  CHECK(e2["error"] == "unknown-controller");
  CHECK(e2["message"].get<std::string>().find(
            "unknown controller schema 'urn:ivcap:schema:service.quantum.1'; known: ") == 0);
}

TEST_CASE("a basic service order runs end to end through the data proxy",
          "[runtime][process][e2e]") {
  if (!have_python3()) IVCAPGEN_SKIP("needs /usr/bin/python3 for the sample service");
  RuntimeStack stack;
  std::string input = stack.upload("hello ivcap\n", "text/plain");
  json params = json::parse(R"([
    {"name": "input", "type": "artifact", "description": "text to shout"},
    {"name": "suffix", "type": "string", "default": "!"}])");
  // Reads the staged input, writes two results; never via a shell string
  // built by the runtime: the service's own argv is `python3 -c <script>`.
  json command = {
      "python3", "-c",
      "import os, json, sys\n"
      "text = open(os.path.join(os.environ['IVCAP_INPUTS_PATH'], 'input')).read()\n"
      "out = os.environ['IVCAP_RESULT_PATH']\n"
      "open(os.path.join(out, 'shout.txt'), 'w').write(text.upper().strip() + sys.argv[1])\n"
      "os.makedirs(os.path.join(out, 'meta'))\n"
      "json.dump(sorted(os.environ), open(os.path.join(out, 'meta', 'env.json'), 'w'))\n"
      "print('processed', len(text), 'bytes')\n",
      "{{workflow.parameters.suffix}}"};
  auto service = stack.register_service(service_doc("shout", basic(command), params));
  auto order = stack.order_and_wait(
      service, {{{"name", "input"}, {"value", input}}, {{"name", "suffix"}, {"value", "?!"}}});
  INFO(order.dump(2));
  REQUIRE(order["status"] == "succeeded");
  CHECK(order["exit-code"] == 0);
  CHECK(order["log"].get<std::string>().find("processed 12 bytes") != std::string::npos);
  REQUIRE(order["results"].size() == 2);
  std::map<std::string, std::string> results;
  for (const auto& r : order["results"]) results[r["name"]] = r["id"];
  CHECK(stack.download(results.at("shout.txt")) == "HELLO IVCAP?!");
  json env = json::parse(stack.download(results.at("meta/env.json")));
  for (const auto& name : env) {
    std::string n = name.get<std::string>();
    bool allowed = n.rfind("IVCAP_", 0) == 0 || n == "PATH" || n == "PWD" || n == "LC_CTYPE";
    CHECK(allowed);
    INFO(n);
  }
  CHECK(std::find(env.begin(), env.end(), "IVCAP_ORDER_ID") != env.end());

  // Usage statistics count it.
  auto stats = json::parse(stack.exit_handler->client()->Get("/1/stats")->body);
  CHECK(stats["services"][0]["service"] == service);
  CHECK(stats["services"][0]["succeeded"] == 1);
  // Missing required parameter and a non-existent input artifact are 422.
  CHECK(stack.post("/1/orders", {{"service", service}}).first == 422);
  auto [s, e] = stack.post(
      "/1/orders",
      {{"service", service},
       {"parameters",
        {{{"name", "input"}, {"value", "urn:ivcap:artifact:" + std::string(64, 'f')}}}}});
  CHECK(s == 422);
  CHECK(e["message"].get<std::string>().find("does not exist") != std::string::npos);
  check_clean_stop(stack);
}

TEST_CASE("a failing service fails its order with the exit code", "[runtime][process][e2e]") {
  RuntimeStack stack;
  auto service = stack.register_service(
      service_doc("fails", basic({"sh", "-c", "echo about to fail; exit 7"})));
  auto order = stack.order_and_wait(service, json::array());
  CHECK(order["status"] == "failed");
  CHECK(order["exit-code"] == 7);
  CHECK(order["log"].get<std::string>().find("about to fail") != std::string::npos);
  auto stats = json::parse(stack.exit_handler->client()->Get("/1/stats")->body);
  CHECK(stats["services"][0]["failed"] == 1);
}

TEST_CASE("the order timeout kills a runaway process", "[runtime][process][e2e]") {
  StackOptions options;
  options.dispatcher_flags = {"--order-timeout", "700ms"};
  RuntimeStack stack(options);
  auto service = stack.register_service(service_doc("runaway", basic({"sleep", "60"})));
  auto start = std::chrono::steady_clock::now();
  auto order = stack.order_and_wait(service, json::array(), 15s);
  CHECK(std::chrono::steady_clock::now() - start < 6s);
  CHECK(order["status"] == "failed");
  CHECK(order["message"].get<std::string>().find("timed out") != std::string::npos);
  check_clean_stop(stack);
}

TEST_CASE("an argo-wf DAG runs its tasks in dependency order", "[runtime][process][e2e]") {
  RuntimeStack stack;
  json controller = json::parse(R"({
    "$schema": "urn:ivcap:schema.service.argo.1",
    "entrypoint": "main",
    "templates": [
      {"name": "main", "dag": {"tasks": [
        {"name": "second", "template": "count", "dependencies": ["first"]},
        {"name": "first", "template": "greet"}]}},
      {"name": "greet", "inputs": {"parameters": [{"name": "message"}]},
       "container": {"image": "alpine:3.7", "command": ["sh", "-c"],
                     "args": ["echo '{{inputs.parameters.message}}' > \"$IVCAP_RESULT_PATH/greeting.txt\""]}},
      {"name": "count", "container": {"image": "alpine:3.7", "command": ["sh", "-c"],
        "args": ["wc -c < \"$IVCAP_RESULT_PATH/greeting.txt\" > \"$IVCAP_RESULT_PATH/count.txt\"; echo task $IVCAP_TASK_NAME"]}}
    ]})");
  json params = json::parse(R"([{"name": "message", "type": "string"}])");
  auto service = stack.register_service(service_doc("dag", controller, params));
  auto order = stack.order_and_wait(service, {{{"name", "message"}, {"value", "hello dag"}}});
  INFO(order.dump(2));
  REQUIRE(order["status"] == "succeeded");
  std::map<std::string, std::string> results;
  for (const auto& r : order["results"]) results[r["name"]] = r["id"];
  CHECK(stack.download(results.at("greeting.txt")) == "hello dag\n");
  CHECK(std::stoi(stack.download(results.at("count.txt"))) == 10);
  CHECK(order["log"].get<std::string>().find("task second") != std::string::npos);

  // A failing first task fails the order and skips the second.
  controller["templates"][1]["container"]["args"] = {"exit 3"};
  stack.register_service(service_doc("dag", controller, params));
  auto [s, placed] = stack.post(
      "/1/orders", {{"service", service}, {"parameters", {{{"name", "message"}, {"value", "x"}}}}});
  REQUIRE(s == 201);
  std::string id = placed["id"];
  auto failed = stack.wait_for_order(id, 15s);
  CHECK(failed["status"] == "failed");
  auto live = json::parse(stack.dispatcher->client()->Get("/1/orders/" + id)->body);
  REQUIRE(live["tasks"].size() == 2);
  CHECK(live["tasks"][0]["status"] == "failed");
  CHECK(live["tasks"][1]["status"] == "skipped");
}

TEST_CASE("a dynamic service starts on request and stops when idle", "[runtime][process][e2e]") {
  if (!have_python3()) IVCAPGEN_SKIP("needs /usr/bin/python3 for the sample service");
  RuntimeStack stack;
  const char* server = R"PY(
import http.server, os
root = os.environ["CONTEXT_ROOT"]
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        auth = "with-auth" if self.headers.get("Authorization") else "no-auth"
        body = ("%s %s %s" % (self.path, auth, os.environ.get("IVCAP_SERVICE_ID", ""))).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_POST = do_GET
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
)PY";
  json controller = {{"$schema", "urn:ivcap:schema:service.dynamic.1"},
                     {"image", "example/api:1"},
                     {"port", 8090},
                     {"ready-url", "/_healtz"},
                     {"scale-to-zero", true},
                     {"idle-timeout", "1s"},
                     {"local", {{"command", {"python3", "-c", server}}}}};
  auto service = stack.register_service(service_doc("echo-api", controller));
  auto instances = [&] {
    return json::parse(stack.dispatcher->client()->Get("/1/instances")->body)["items"];
  };
  CHECK(instances().empty());

  auto first = stack.api()->Get("/ivcap-echo-api/hello?x=1");
  REQUIRE(first);
  INFO(first->body);
  CHECK(first->status == 200);
  CHECK(first->body == "/ivcap-echo-api/hello?x=1 no-auth " + service);
  auto running = instances();
  REQUIRE(running.size() == 1);
  int port = running[0]["port"];
  CHECK(port_is_open(port));
  CHECK(stack.api()->Get("/ivcap-echo-api/again")->status == 200);
  CHECK(instances()[0]["pid"] == running[0]["pid"]);  // reused, not restarted

  // Scale to zero after the idle timeout.
  auto until = std::chrono::steady_clock::now() + 8s;
  while (!instances().empty() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(100ms);
  }
  CHECK(instances().empty());
  CHECK_FALSE(port_is_open(port));

  // And back on the next request; unknown paths are 404.
  CHECK(stack.api()->Get("/ivcap-echo-api/back")->status == 200);
  CHECK(instances().size() == 1);
  CHECK(stack.api()->Get("/ivcap-nothing-here/x")->status == 404);
  check_clean_stop(stack);
}

TEST_CASE("app-server sites are served by Host from a tar artifact", "[runtime][process][e2e]") {
  RuntimeStack stack;
  std::string site = stack.upload(
      make_tar({{"index.html", "<h1>home</h1>"}, {"app.js", "go()"}, {"404.html", "lost"}}),
      "application/x-tar");
  stack.register_service(service_doc("webui", {{"$schema", "urn:ivcap:schema:service.app-server.1"},
                                               {"host", "webui"},
                                               {"artifact", site},
                                               {"404", "404.html"}}));
  httplib::Client browser("127.0.0.1", stack.gateway->port());  // no token: a public site
  httplib::Headers host = {{"Host", "webui.localhost"}};
  auto home = browser.Get("/", host);
  REQUIRE(home);
  CHECK(home->status == 200);
  CHECK(home->body == "<h1>home</h1>");
  CHECK(home->get_header_value("Content-Type") == "text/html");
  CHECK(browser.Get("/app.js", host)->get_header_value("Content-Type") == "text/javascript");
  auto missing = browser.Get("/deep/link", host);
  CHECK(missing->status == 404);
  CHECK(missing->body == "lost");
  CHECK(browser.Post("/", host, "x", "text/plain")->status == 405);
  // Other hosts still get the API (and need the token).
  CHECK(browser.Get("/1/services")->status == 401);
}

TEST_CASE("hostile input never takes a component down", "[runtime][process][e2e]") {
  RuntimeStack stack;
  auto api = stack.api();
  std::string deep(10000, '[');
  std::vector<std::string> bodies = {"",
                                     "null",
                                     "\xff\xfe\x00garbage",
                                     deep,
                                     R"({"service": 5})",
                                     R"({"service": "urn:ivcap:service:x", "parameters": {}})",
                                     R"({"$schema": "urn:ivcap:schema:service.2", "name": "x",
                                         "description": "d", "controller": "basic"})",
                                     R"({"$schema": ["a"], "name": {"n": 1}})"};
  for (const auto& body : bodies) {
    for (const char* path : {"/1/services", "/1/orders", "/1/artifacts"}) {
      auto r = api->Post(path, body, "application/json");
      REQUIRE(r);
      CHECK(r->status < 500);
    }
    auto exit = stack.exit_handler->client()->Post(
        "/1/orders/urn:ivcap:order:11111111-2222-4333-8444-555555555555/exit", body,
        "application/json");
    REQUIRE(exit);
    CHECK(exit->status == 400);
    auto dispatch = stack.dispatcher->client()->Post("/1/orders", body, "application/json");
    REQUIRE(dispatch);
    CHECK(dispatch->status >= 400);
    CHECK(dispatch->status < 500);
  }
  // Type confusion inside an otherwise valid service.
  json weird = {{"$schema", "urn:ivcap:schema:service.dynamic.1"},
                {"ready-url", 5},
                {"scale-to-zero", "yes"},
                {"local", {{"command", {"true"}}}}};
  stack.register_service(service_doc("weird", weird));
  auto r = api->Get("/ivcap-weird/x");
  REQUIRE(r);
  CHECK(r->status >= 400);
  json bad_argo = {{"$schema", "urn:ivcap:schema:service.argo-wf.1"},
                   {"entrypoint", 5},
                   {"templates", {{{"name", 1}}}}};
  auto service = stack.register_service(service_doc("bad-argo", bad_argo));
  CHECK(stack.post("/1/orders", {{"service", service}}).first == 422);
  for (auto* c : {stack.gateway.get(), stack.dispatcher.get(), stack.data_proxy.get(),
                  stack.exit_handler.get()}) {
    CHECK(c->client(std::nullopt)->Get("/healthz")->status == 200);
  }
  check_clean_stop(stack);
}
