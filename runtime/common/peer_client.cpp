#include "common/peer_client.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "common/startup_error.h"

namespace ivcap::runtime {

std::optional<PeerUrl> parse_peer_url(std::string_view text) {
  constexpr std::string_view kScheme = "http://";
  if (text.rfind(kScheme, 0) != 0) return std::nullopt;
  std::string_view rest = text.substr(kScheme.size());
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  auto colon = rest.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string host(rest.substr(0, colon));
  for (char c : host) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-')) return std::nullopt;
  }
  std::string_view port_text = rest.substr(colon + 1);
  int port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port <= 0 ||
      port > 65535) {
    return std::nullopt;
  }
  return PeerUrl{host, port, "http://" + host + ":" + std::to_string(port)};
}

PeerClient::PeerClient(const std::string& flag, const std::string& url, std::string token,
                       std::chrono::milliseconds timeout)
    : token_(std::move(token)), timeout_(timeout) {
  auto parsed = parse_peer_url(url);
  if (!parsed) throw UsageError("flag '--" + flag + "': '" + url + "' is not http://HOST:PORT");
  url_ = *parsed;
}

std::unique_ptr<httplib::Client> PeerClient::client() const {
  auto c = std::make_unique<httplib::Client>(url_.host, url_.port);
  c->set_bearer_token_auth(token_);
  c->set_connection_timeout(std::chrono::seconds(2));
  c->set_read_timeout(timeout_);
  c->set_write_timeout(timeout_);
  c->set_keep_alive(false);
  return c;
}

httplib::Result PeerClient::get(const std::string& path) const {
  return client()->Get(path);
}

httplib::Result PeerClient::post(const std::string& path, const std::string& body,
                                 const std::string& content_type,
                                 const httplib::Headers& headers) const {
  return client()->Post(path, headers, body, content_type);
}

httplib::Result PeerClient::put(const std::string& path, const std::string& body,
                                const std::string& content_type) const {
  return client()->Put(path, body, content_type);
}

httplib::Result PeerClient::del(const std::string& path) const {
  return client()->Delete(path);
}

httplib::Result PeerClient::send(const std::string& method, const std::string& path_and_query,
                                 const httplib::Headers& headers, const std::string& body,
                                 const std::string& content_type) const {
  auto c = client();
  if (method == "GET") return c->Get(path_and_query, headers);
  if (method == "HEAD") return c->Head(path_and_query, headers);
  if (method == "DELETE") return c->Delete(path_and_query, headers, body, content_type);
  if (method == "POST") return c->Post(path_and_query, headers, body, content_type);
  if (method == "PUT") return c->Put(path_and_query, headers, body, content_type);
  if (method == "PATCH") return c->Patch(path_and_query, headers, body, content_type);
  if (method == "OPTIONS") return c->Options(path_and_query, headers);
  return httplib::Result(nullptr, httplib::Error::Unknown);
}

std::string describe_failure(const httplib::Result& result) {
  if (!result) return "transport error: " + httplib::to_string(result.error());
  std::string message;
  try {
    auto body = nlohmann::json::parse(result->body);
    if (body.is_object() && body.contains("message") && body["message"].is_string()) {
      message = body["message"].get<std::string>();
    }
  } catch (const std::exception&) {
  }
  std::string out = "HTTP " + std::to_string(result->status);
  if (!message.empty()) out += ": " + message;
  return out;
}

}  // namespace ivcap::runtime
