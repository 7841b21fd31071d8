// ivcap-data-proxy: content-addressed artifact storage for the local runtime.
#include "common/component_main.h"
#include "common/component_server.h"
#include "common/startup_error.h"
#include "data_proxy/data_proxy_api.h"

using namespace ivcap::runtime;

int main(int argc, char** argv) {
  FlagSet flags("ivcap-data-proxy",
                "Stores artifacts by content (sha256) and serves them to the gateway and the\n"
                "dispatcher. Every route but GET /healthz needs the bearer token.");
  declare_server_flags(flags, "64Mi");
  flags.required("storage-dir", "DIR", "where artifacts are stored (created if missing)");
  return run_component_main(argc, argv, flags, [](const FlagSet& f, ShutdownSignal& shutdown) {
    auto options = server_options_from(f);
    auto token = BearerToken::load(f.text("token-file"));
    JsonLog log("data-proxy", f.maybe_text("log-file"));
    ArtifactStore store(f.text("storage-dir"));
    ComponentServer server("data-proxy", options, log, token);
    install_data_proxy_routes(server.http(), store, log);
    server.bind();
    server.serve_until(shutdown);
    log.info("stopped");
    return 0;
  });
}
