// ivcap-dispatcher: runs orders locally (basic, argo-wf) and starts dynamic
// services on request.
#include "common/component_main.h"
#include "common/component_server.h"
#include "common/startup_error.h"
#include "dispatcher/dispatcher_api.h"

using namespace ivcap::runtime;

namespace {

void declare_flags(FlagSet& flags) {
  declare_server_flags(flags, "4Mi");
  flags.required("data-dir", "DIR", "order sandboxes and dynamic-service instances live here");
  flags.required("data-proxy-url", "URL", "the data proxy, e.g. http://127.0.0.1:8181");
  flags.required("exit-handler-url", "URL", "the exit handler, e.g. http://127.0.0.1:8183");
  flags.option("gateway-url", "URL", "the gateway; given to services as IVCAP_BASE_URL");
  flags.option("project", "NAME", "project prefix of dynamic services' CONTEXT_ROOT", "ivcap");
  flags.option("order-timeout", "DURATION", "wall-clock limit of one order", "30m");
  flags.option("kill-grace", "DURATION", "SIGTERM-to-SIGKILL delay when stopping a process", "2s");
  flags.option("max-parallel-orders", "N", "orders run at the same time", "2");
  flags.option("sandbox", "auto|bwrap|none",
               "run services under bubblewrap: auto = when it works here", "auto");
  flags.option("bwrap", "PATH", "the bubblewrap program", "/usr/bin/bwrap");
  flags.option("limit-cpu", "DURATION", "RLIMIT_CPU of a service process (0: unset)", "10m");
  flags.option("limit-memory", "SIZE", "RLIMIT_AS of a service process (0: unset)", "4Gi");
  flags.option("limit-open-files", "N", "RLIMIT_NOFILE of a service process (0: unset)", "256");
  flags.option("limit-file-size", "SIZE", "RLIMIT_FSIZE of a service process (0: unset)", "1Gi");
  flags.option("limit-processes", "N",
               "RLIMIT_NPROC of a service process; counts all processes of the user (0: unset)",
               "0");
  flags.option("instance-start-timeout", "DURATION",
               "how long a dynamic service may take to become ready", "30s");
  flags.option("lease-timeout", "DURATION",
               "a request lease on a dynamic service expires after this", "5m");
  flags.option("max-result-bytes", "SIZE", "largest result file uploaded", "64Mi");
  flags.option("max-result-files", "N", "most result files per order", "100");
  flags.option("request-timeout", "DURATION", "timeout of calls to other components", "30s");
  flags.toggle("keep-order-dirs", "keep order directories after the run (for debugging)");
}

DispatcherConfig config_from(const FlagSet& f) {
  DispatcherConfig c;
  c.data_dir = std::filesystem::absolute(f.text("data-dir"));
  c.project = f.text("project");
  c.gateway_url = f.maybe_text("gateway-url").value_or("");
  c.data_proxy_url = f.text("data-proxy-url");
  c.order_timeout = f.duration("order-timeout");
  c.kill_grace = f.duration("kill-grace");
  c.instance_start_timeout = f.duration("instance-start-timeout");
  c.lease_timeout = f.duration("lease-timeout");
  c.limits.cpu_seconds = static_cast<std::uint64_t>(
      std::chrono::ceil<std::chrono::seconds>(f.duration("limit-cpu")).count());
  c.limits.address_space_bytes = f.byte_size("limit-memory");
  c.limits.open_files =
      static_cast<std::uint64_t>(std::max<std::int64_t>(0, f.integer("limit-open-files")));
  c.limits.file_size_bytes = f.byte_size("limit-file-size");
  c.limits.processes =
      static_cast<std::uint64_t>(std::max<std::int64_t>(0, f.integer("limit-processes")));
  c.max_result_bytes = f.byte_size("max-result-bytes");
  c.max_result_files =
      static_cast<std::size_t>(std::max<std::int64_t>(1, f.integer("max-result-files")));
  c.keep_order_dirs = f.toggled("keep-order-dirs");
  c.max_parallel_orders = static_cast<int>(f.integer("max-parallel-orders"));
  if (c.max_parallel_orders < 1 || c.max_parallel_orders > 64) {
    throw UsageError("flag '--max-parallel-orders' must be 1..64");
  }
  if (c.order_timeout.count() <= 0) throw UsageError("flag '--order-timeout' must be positive");
  return c;
}

Sandbox choose_sandbox(const FlagSet& f, const DispatcherConfig& c, JsonLog& log) {
  const std::string choice = f.text("sandbox");
  if (choice == "none") return Sandbox();
  if (choice != "auto" && choice != "bwrap") {
    throw UsageError("flag '--sandbox': '" + choice + "' is not one of auto, bwrap, none");
  }
  std::string why;
  Sandbox sandbox = Sandbox::probe(f.text("bwrap"), c.data_dir, why);
  if (!sandbox.enabled()) {
    if (choice == "bwrap")
      throw StartupError("--sandbox bwrap, but bubblewrap does not work: " + why);
    log.warn("running services without a sandbox", {{"why", why}});
  }
  return sandbox;
}

}  // namespace

int main(int argc, char** argv) {
  FlagSet flags("ivcap-dispatcher",
                "Accepts orders from the gateway and runs them locally: basic services as\n"
                "sandboxed processes, argo-wf services as their DAG, rest/dynamic services as\n"
                "on-demand instances stopped when idle. Outcomes go to the exit handler.");
  declare_flags(flags);
  return run_component_main(argc, argv, flags, [](const FlagSet& f, ShutdownSignal& shutdown) {
    auto options = server_options_from(f);
    auto config = config_from(f);
    auto token = BearerToken::load(f.text("token-file"));
    auto timeout = f.duration("request-timeout");
    PeerClient data_proxy("data-proxy-url", config.data_proxy_url, token.value(), timeout);
    PeerClient exit_handler("exit-handler-url", f.text("exit-handler-url"), token.value(), timeout);
    if (auto url = f.maybe_text("gateway-url"); url && !parse_peer_url(*url)) {
      throw UsageError("flag '--gateway-url': '" + *url + "' is not http://HOST:PORT");
    }
    JsonLog log("dispatcher", f.maybe_text("log-file"));
    std::filesystem::create_directories(config.data_dir);
    Sandbox sandbox = choose_sandbox(f, config, log);
    InstancePool instances(config, sandbox, log);
    OrderRunner runner(config, sandbox, data_proxy, instances, log);
    OrderQueue orders(runner, exit_handler, log, config.max_parallel_orders);
    ComponentServer server("dispatcher", options, log, token);
    server.set_health_details([&sandbox] {
      return nlohmann::json{{"sandbox", sandbox.describe()}};
    });
    install_dispatcher_routes(server.http(), orders, instances, data_proxy, log);
    server.bind();
    log.info("sandbox", {{"mode", sandbox.describe()}});
    server.serve_until(shutdown);
    orders.shut_down();
    instances.stop_all();
    log.info("stopped");
    return 0;
  });
}
