#pragma once
// Calls from one runtime component to another (`--dispatcher-url`,
// `--data-proxy-url`, ...): plain HTTP with the shared bearer token. Each
// call uses a fresh connection, so a PeerClient is safe to share between
// threads.
#include <chrono>
#include <optional>
#include <string>

#include <httplib.h>

namespace ivcap::runtime {

struct PeerUrl {
  std::string host;
  int port = 80;
  std::string text;  // normalised "http://host:port"
};

// Accepts "http://HOST:PORT" (optionally with a trailing '/'); nullopt
// otherwise.
std::optional<PeerUrl> parse_peer_url(std::string_view text);

class PeerClient {
 public:
  // Throws UsageError naming `flag` when `url` is not an http://HOST:PORT URL.
  PeerClient(const std::string& flag, const std::string& url, std::string token,
             std::chrono::milliseconds timeout);

  httplib::Result get(const std::string& path) const;
  httplib::Result post(const std::string& path, const std::string& body,
                       const std::string& content_type, const httplib::Headers& headers = {}) const;
  httplib::Result put(const std::string& path, const std::string& body,
                      const std::string& content_type) const;
  httplib::Result del(const std::string& path) const;
  // Any method, for proxying.
  httplib::Result send(const std::string& method, const std::string& path_and_query,
                       const httplib::Headers& headers, const std::string& body,
                       const std::string& content_type) const;

  const std::string& url() const { return url_.text; }

 private:
  std::unique_ptr<httplib::Client> client() const;

  PeerUrl url_;
  std::string token_;
  std::chrono::milliseconds timeout_;
};

// "what failed" for a failed call: transport error or status + message.
std::string describe_failure(const httplib::Result& result);

}  // namespace ivcap::runtime
