// ivcap-exit-handler: records how orders ended and serves usage statistics.
#include "common/component_main.h"
#include "common/component_server.h"
#include "exit_handler/exit_handler_api.h"

using namespace ivcap::runtime;

int main(int argc, char** argv) {
  FlagSet flags("ivcap-exit-handler",
                "Records the outcome of each order (reported by the dispatcher) and serves\n"
                "order outcomes and per-service usage statistics.");
  declare_server_flags(flags, "1Mi");
  flags.required("data-dir", "DIR", "where the outcome database lives (created if missing)");
  return run_component_main(argc, argv, flags, [](const FlagSet& f, ShutdownSignal& shutdown) {
    auto options = server_options_from(f);
    auto token = BearerToken::load(f.text("token-file"));
    JsonLog log("exit-handler", f.maybe_text("log-file"));
    OutcomeStore store(f.text("data-dir"));
    ComponentServer server("exit-handler", options, log, token);
    install_exit_handler_routes(server.http(), store, log);
    server.bind();
    server.serve_until(shutdown);
    log.info("stopped");
    return 0;
  });
}
