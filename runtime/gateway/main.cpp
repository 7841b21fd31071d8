// ivcap-gateway: the REST API of the local IVCAP runtime.
#include "common/component_main.h"
#include "common/component_server.h"
#include "common/startup_error.h"
#include "gateway/gateway_api.h"

using namespace ivcap::runtime;

int main(int argc, char** argv) {
  FlagSet flags("ivcap-gateway",
                "The IVCAP REST API: services (/1/services), orders (/1/orders), artifacts\n"
                "(/1/artifacts), dynamic services (/<project>-<name>/...) and app-server sites\n"
                "(by Host). Every route but GET /healthz and app sites needs the bearer token.");
  declare_server_flags(flags, "16Mi");
  flags.required("data-dir", "DIR", "where the service registry lives (created if missing)");
  flags.required("dispatcher-url", "URL", "the dispatcher, e.g. http://127.0.0.1:8182");
  flags.required("data-proxy-url", "URL", "the data proxy, e.g. http://127.0.0.1:8181");
  flags.required("exit-handler-url", "URL", "the exit handler, e.g. http://127.0.0.1:8183");
  flags.option("project", "NAME", "project prefix: service ids and dynamic-service paths", "ivcap");
  flags.option("domain", "DOMAIN", "app-server hosts that are a single label get .DOMAIN",
               "localhost");
  flags.option("request-timeout", "DURATION", "timeout of calls to other components", "30s");
  flags.option("app-cache-bytes", "SIZE", "memory for cached app-server sites", "256Mi");
  return run_component_main(argc, argv, flags, [](const FlagSet& f, ShutdownSignal& shutdown) {
    auto options = server_options_from(f);
    auto token = BearerToken::load(f.text("token-file"));
    auto timeout = f.duration("request-timeout");
    PeerClient dispatcher("dispatcher-url", f.text("dispatcher-url"), token.value(), timeout);
    PeerClient data_proxy("data-proxy-url", f.text("data-proxy-url"), token.value(), timeout);
    PeerClient exit_handler("exit-handler-url", f.text("exit-handler-url"), token.value(), timeout);
    JsonLog log("gateway", f.maybe_text("log-file"));
    std::filesystem::path data_dir = f.text("data-dir");
    std::filesystem::create_directories(data_dir);
    SqliteDb db(data_dir / "gateway.db");
    ServiceRegistry services(db);
    OrderBook orders(db);
    AppSiteCache sites(f.byte_size("app-cache-bytes"));
    GatewayContext context{services,        orders,       sites, dispatcher,
                           data_proxy,      exit_handler, log,   f.text("project"),
                           f.text("domain")};
    ComponentServer server("gateway", options, log, token);
    install_gateway_routes(server, context);
    server.bind();
    server.serve_until(shutdown);
    log.info("stopped");
    return 0;
  });
}
