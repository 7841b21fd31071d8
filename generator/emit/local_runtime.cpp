// local/runtime.json (provider local): the processes `apply` starts — the
// reference runtime components of runtime/, with the argv of their flag
// contract (runtime/README.md). Paths are relative to the environment's
// state directory (.ivcapgen/<env>/), where apply runs them, so the file
// holds no absolute path and is the same on every machine.
#include "emit/emitters.h"
#include "emit/waves.h"
#include "support/digest.h"

namespace ivcapgen::emit {

namespace {

using Json = nlohmann::ordered_json;

std::string listen(int64_t port) {
  return "127.0.0.1:" + std::to_string(port);
}
std::string url(int64_t port) {
  return "http://" + listen(port);
}

Json component(std::string_view name, int64_t port, std::vector<std::string> extra) {
  std::string program = "ivcap-" + std::string(name);
  std::vector<std::string> argv = {program,
                                   "--listen",
                                   listen(port),
                                   "--token-file",
                                   "token",
                                   "--log-file",
                                   "logs/" + std::string(name) + ".log"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  Json c;
  c["component"] = name;
  c["program"] = program;
  c["argv"] = argv;
  c["port"] = port;
  c["env"] = Json::object();
  c["health"] = url(port) + "/healthz";
  // What makes a running process stale: its argv and environment.
  c["configHash"] = support::sha256_hex(Json{{"argv", c["argv"]}, {"env", c["env"]}}.dump());
  return c;
}

}  // namespace

void emit_local_runtime(const model::Model& m, output::OutputTree& tree) {
  if (*m.env().provider != "local") return;
  const auto& r = m.env().runtime.value;
  int64_t gateway = *r.gateway->port, dispatcher = *r.dispatcher->port, proxy = *r.data_proxy->port,
          exit_handler = *r.exit_handler->port;
  const std::string& project = *m.env().project;
  // In start order: nothing calls a peer at start, but this order means a
  // request never meets a missing peer.
  Json components = Json::array();
  components.push_back(component("data-proxy", proxy, {"--storage-dir", "data/artifacts"}));
  components.push_back(
      component("exit-handler", exit_handler, {"--data-dir", "data/exit-handler"}));
  components.push_back(component(
      "dispatcher", dispatcher,
      {"--data-dir", "data/dispatcher", "--data-proxy-url", url(proxy), "--exit-handler-url",
       url(exit_handler), "--gateway-url", url(gateway), "--project", project}));
  components.push_back(
      component("gateway", gateway,
                {"--data-dir", "data/gateway", "--dispatcher-url", url(dispatcher),
                 "--data-proxy-url", url(proxy), "--exit-handler-url", url(exit_handler),
                 "--project", project, "--domain", *m.env().domain}));
  Json doc;
  doc["version"] = 1;
  doc["environment"] = m.name();
  doc["stateDir"] = ".ivcapgen/" + m.name();
  doc["tokenFile"] = "token";
  doc["gateway"] = url(gateway);
  doc["components"] = std::move(components);
  tree.add_json("local/runtime.json", kWaveRuntime, doc);
}

}  // namespace ivcapgen::emit
