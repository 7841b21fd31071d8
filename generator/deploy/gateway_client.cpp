#include "deploy/gateway_client.h"

#include <httplib.h>

#include <cctype>

namespace ivcapgen::deploy {

namespace {

constexpr size_t kBodyInError = 300;

struct SplitUrl {
  std::string origin;  // scheme://host[:port]
  std::string prefix;  // path before /1/..., without a trailing slash
};

tools::ToolResult<SplitUrl> split_url(const std::string& url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return tools::ToolError{"gateway URL '" + url + "' has no scheme (https://...)", {}};
  }
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme != "https" && scheme != "http") {
    return tools::ToolError{"gateway URL '" + url + "' must use https:// (or http://)", {}};
  }
  const size_t path = url.find('/', scheme_end + 3);
  SplitUrl s;
  s.origin = url.substr(0, path);
  if (path != std::string::npos) s.prefix = url.substr(path);
  while (!s.prefix.empty() && s.prefix.back() == '/') s.prefix.pop_back();
  return s;
}

std::unique_ptr<httplib::Client> client_for(const GatewayEndpoint& e, const SplitUrl& url) {
  auto client = std::make_unique<httplib::Client>(url.origin);
  client->set_connection_timeout(e.timeout);
  client->set_read_timeout(e.timeout);
  client->set_write_timeout(e.timeout);
  if (e.token) client->set_bearer_token_auth(*e.token);
  return client;
}

std::string excerpt(const std::string& body) {
  std::string s = body.substr(0, kBodyInError);
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return body.size() > kBodyInError ? s + "..." : s;
}

tools::ToolError http_failure(const std::string& what, const httplib::Result& r) {
  if (!r) return {what + " failed: " + httplib::to_string(r.error()), {}};
  tools::ToolError e{what + " failed: HTTP " + std::to_string(r->status), {}};
  if (!r->body.empty()) e.details.push_back("response: " + excerpt(r->body));
  if (r->status == 401 || r->status == 403) {
    e.details.push_back("check the token (--token-file or IVCAP_TOKEN)");
  }
  return e;
}

}  // namespace

std::string service_path(const std::string& id) {
  std::string out = "/1/services/";
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : id) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ':') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

tools::ToolResult<int> HttpServiceRegistry::put_service(const std::string& id,
                                                        const std::string& document) {
  auto url = split_url(endpoint_.base_url);
  if (!url) return url.error();
  const std::string path = url->prefix + service_path(id);
  const std::string what = "PUT " + endpoint_.base_url + service_path(id);
  try {
    auto client = client_for(endpoint_, *url);
    auto r = client->Put(path, document, "application/json");
    if (!r || r->status < 200 || r->status >= 300) return http_failure(what, r);
    return r->status;
  } catch (const std::exception& e) {
    return tools::ToolError{what + " failed: " + e.what(), {}};
  }
}

tools::ToolResult<bool> HttpServiceRegistry::delete_service(const std::string& id) {
  auto url = split_url(endpoint_.base_url);
  if (!url) return url.error();
  const std::string path = url->prefix + service_path(id);
  const std::string what = "DELETE " + endpoint_.base_url + service_path(id);
  try {
    auto client = client_for(endpoint_, *url);
    auto r = client->Delete(path);
    if (r && r->status == 404) return false;
    if (!r || r->status < 200 || r->status >= 300) return http_failure(what, r);
    return true;
  } catch (const std::exception& e) {
    return tools::ToolError{what + " failed: " + e.what(), {}};
  }
}

}  // namespace ivcapgen::deploy
