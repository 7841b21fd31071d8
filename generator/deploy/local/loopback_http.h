#pragma once
// A minimal HTTP/1.1 client for the local provider's own loopback services
// (the reference runtime on 127.0.0.1): health checks, service registration
// and drift checks. Plain HTTP to loopback only, one request per connection
// (`Connection: close`), a deadline on the whole exchange. It exists so that
// the core library needs no HTTP library of its own (Debian's cpp-httplib is
// a compiled library whose build flags the runtime alone links against).
#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace ivcapgen::deploy::local {

struct LoopbackUrl {
  std::string host;  // 127.x.y.z or localhost
  int port = 0;
  std::string path = "/";
};

// "http://127.0.0.1:8180/healthz" → {127.0.0.1, 8180, /healthz}; nullopt for
// anything but plain http to a loopback host with an explicit port.
std::optional<LoopbackUrl> parse_loopback_url(const std::string& url);

struct HttpRequest {
  std::string method = "GET";
  std::string host = "127.0.0.1";
  int port = 0;
  std::string target = "/";  // path and query, already percent-encoded where needed
  std::map<std::string, std::string> headers;
  std::string body;
  std::chrono::milliseconds timeout{5000};
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

struct HttpOutcome {
  std::optional<HttpResponse> response;
  std::string error;  // "connection refused", "timed out after 5 s", ... when no response
  bool ok() const { return response.has_value(); }
};

// Sends one request and reads the whole response. Never throws for network
// problems; they are reported in `error`.
HttpOutcome send_request(const HttpRequest& request);

// True when something accepts TCP connections on host:port (within `timeout`).
bool port_accepts_connections(const std::string& host, int port,
                              std::chrono::milliseconds timeout = std::chrono::milliseconds(500));

// Percent-encodes a path segment (RFC 3986 unreserved characters and ':' stay).
std::string encode_path_segment(std::string_view segment);

}  // namespace ivcapgen::deploy::local
