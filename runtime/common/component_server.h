#pragma once
// The HTTP server every component runs: bound to a loopback --listen address,
// GET /healthz (no token), bearer-token auth on everything else, a body size
// limit (413), JSON error bodies for every error status, a JSON-lines access
// log, and graceful stop (stop accepting, finish in-flight requests).
#include <functional>
#include <optional>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "common/bearer_token.h"
#include "common/json_log.h"
#include "common/listen_address.h"
#include "common/shutdown_signal.h"

namespace ivcap::runtime {

class FlagSet;

struct ServerOptions {
  ListenAddress listen;
  std::uint64_t max_body_bytes = 0;
  std::optional<std::filesystem::path> port_file;
};

// Declares --listen, --token-file, --log-file, --port-file and
// --max-body-bytes (with this component's default).
void declare_server_flags(FlagSet& flags, const std::string& default_max_body);
ServerOptions server_options_from(const FlagSet& flags);

class ComponentServer {
 public:
  // A request the router answered needs no token and no route (the gateway
  // serves app-server sites by Host this way).
  using PreAuthRouter = std::function<bool(const httplib::Request&, httplib::Response&)>;

  ComponentServer(std::string component, ServerOptions options, JsonLog& log,
                  const BearerToken& token);
  ComponentServer(const ComponentServer&) = delete;
  ComponentServer& operator=(const ComponentServer&) = delete;

  httplib::Server& http() { return server_; }
  void set_pre_auth_router(PreAuthRouter router) { router_ = std::move(router); }
  // Extra fields for GET /healthz.
  void set_health_details(std::function<nlohmann::json()> details) {
    health_details_ = std::move(details);
  }

  // Binds the listen address, writes --port-file; returns the bound port.
  // Throws StartupError.
  int bind();
  // Serves until SIGINT or SIGTERM arrives through `shutdown` (logged);
  // returns once in-flight requests have finished. Call after bind().
  void serve_until(ShutdownSignal& shutdown);

 private:
  std::string component_;
  ServerOptions options_;
  JsonLog& log_;
  const BearerToken& token_;
  httplib::Server server_;
  PreAuthRouter router_;
  std::function<nlohmann::json()> health_details_;
};

}  // namespace ivcap::runtime
