#include "common/component_server.h"

#include "common/atomic_file.h"
#include "common/cli_flags.h"
#include "common/http_errors.h"
#include "common/startup_error.h"

namespace ivcap::runtime {

void declare_server_flags(FlagSet& flags, const std::string& default_max_body) {
  flags.required("listen", "HOST:PORT",
                 "loopback address to listen on, e.g. 127.0.0.1:8080 (port 0: any free port)");
  flags.required("token-file", "FILE",
                 "file holding the bearer token (mode 0600; group/world access is refused)");
  flags.option("log-file", "FILE", "append JSON-lines logs here (default: stderr)");
  flags.option("port-file", "FILE", "write the bound port here once listening");
  flags.option("max-body-bytes", "SIZE", "largest accepted request body (413 above)",
               default_max_body);
}

ServerOptions server_options_from(const FlagSet& flags) {
  ServerOptions options;
  std::string why;
  auto listen = parse_listen_address(flags.text("listen"), why);
  if (!listen) throw UsageError("flag '--listen': " + why);
  options.listen = *listen;
  options.max_body_bytes = flags.byte_size("max-body-bytes");
  if (options.max_body_bytes == 0) throw UsageError("flag '--max-body-bytes' must be positive");
  if (auto port_file = flags.maybe_text("port-file")) options.port_file = *port_file;
  return options;
}

ComponentServer::ComponentServer(std::string component, ServerOptions options, JsonLog& log,
                                 const BearerToken& token)
    : component_(std::move(component)), options_(std::move(options)), log_(log), token_(token) {
  server_.set_payload_max_length(options_.max_body_bytes);
  // Short keep-alive so a graceful stop never waits long on idle clients.
  server_.set_keep_alive_timeout(1);
  server_.set_read_timeout(30);
  server_.set_write_timeout(30);

  server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (router_ && router_(req, res)) return httplib::Server::HandlerResponse::Handled;
    if (req.path == "/healthz") return httplib::Server::HandlerResponse::Unhandled;
    if (!req.has_header("Authorization")) {
      res.set_header("WWW-Authenticate", "Bearer");
      send_error(res, 401, "missing bearer token (Authorization: Bearer <token>)");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!token_.accepts(req.get_header_value("Authorization"))) {
      res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      send_error(res, 401, "invalid bearer token");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  server_.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
    nlohmann::json body = {{"status", "ok"}, {"component", component_}};
    if (health_details_) body.update(health_details_());
    send_json(res, 200, body);
  });

  server_.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        if (res.status == 404) {
          send_error(res, 404, "no route for " + req.method + " " + req.path);
        } else if (res.status == 413) {
          send_error(res, 413, "request body exceeds the size limit");
        } else {
          send_error(res, res.status, "request failed");
        }
        return httplib::Server::HandlerResponse::Handled;
      }));

  server_.set_exception_handler(
      [this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        log_.error("request failed", {{"method", req.method}, {"path", req.path}, {"what", what}});
        send_error(res, 500, "internal error");
      });

  server_.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    log_.info("request", {{"method", req.method},
                          {"path", req.path},
                          {"status", res.status},
                          {"bytes-in", req.body.size()},
                          {"bytes-out", res.body.size()}});
  });
}

int ComponentServer::bind() {
  int port = options_.listen.port;
  if (port == 0) {
    port = server_.bind_to_any_port(options_.listen.host);
    if (port < 0) throw StartupError("cannot bind " + options_.listen.host + ":0");
  } else if (!server_.bind_to_port(options_.listen.host, port)) {
    throw StartupError("cannot bind " + options_.listen.host + ":" + std::to_string(port) +
                       " (in use?)");
  }
  if (options_.port_file) {
    try {
      write_file_atomically(*options_.port_file, std::to_string(port) + "\n", 0644);
    } catch (const std::exception& e) {
      throw StartupError(std::string("cannot write port file: ") + e.what());
    }
  }
  log_.info("listening", {{"host", options_.listen.host}, {"port", port}});
  return port;
}

void ComponentServer::serve_until(ShutdownSignal& shutdown) {
  shutdown.watch([this](int sig) {
    log_.info("shutting down", {{"signal", sig}});
    server_.stop();
  });
  server_.listen_after_bind();
}

}  // namespace ivcap::runtime
