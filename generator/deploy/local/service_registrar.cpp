#include "deploy/local/service_registrar.h"

#include <algorithm>
#include <stdexcept>

#include "support/digest.h"

namespace ivcapgen::deploy::local {

std::optional<std::vector<CatalogDocument>> catalog_documents(
    const std::vector<std::pair<std::string, std::string>>& files, std::string& error) {
  std::vector<CatalogDocument> out;
  for (const auto& [file, body] : files) {
    auto doc = nlohmann::json::parse(body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("name") ||
        !doc["name"].is_string() || !doc.contains("id") || !doc["id"].is_string()) {
      error = file + " is not a service document with a name and an id";
      return std::nullopt;
    }
    out.push_back({doc["name"].get<std::string>(), doc["id"].get<std::string>(), file, body,
                   support::sha256_hex(body)});
  }
  std::sort(out.begin(), out.end(),
            [](const CatalogDocument& a, const CatalogDocument& b) { return a.file < b.file; });
  return out;
}

std::string canonical_json_hash(const std::string& json_text) {
  auto doc = nlohmann::json::parse(json_text, nullptr, false);  // std::map: sorted keys
  if (doc.is_discarded()) return support::sha256_hex(json_text);
  return support::sha256_hex(doc.dump());
}

std::string describe_error_response(const HttpResponse& response) {
  std::string out = std::to_string(response.status);
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (!body.is_discarded() && body.is_object()) {
    if (body.contains("error") && body["error"].is_string()) {
      out += " " + body["error"].get<std::string>();
    }
    if (body.contains("message") && body["message"].is_string()) {
      out += ": " + body["message"].get<std::string>();
    }
  }
  return out;
}

ServiceRegistrar::ServiceRegistrar(const std::string& gateway, std::string token)
    : token_(std::move(token)) {
  auto url = parse_loopback_url(gateway);
  if (!url) throw std::invalid_argument("gateway URL '" + gateway + "' is not a loopback URL");
  gateway_ = *url;
}

HttpRequest ServiceRegistrar::request(std::string method, std::string target) const {
  HttpRequest r;
  r.method = std::move(method);
  r.host = gateway_.host;
  r.port = gateway_.port;
  r.target = std::move(target);
  r.headers["Authorization"] = "Bearer " + token_;
  r.headers["Accept"] = "application/json";
  r.timeout = std::chrono::seconds(10);
  return r;
}

RegistrationResult ServiceRegistrar::put(const CatalogDocument& doc) const {
  RegistrationResult result;
  auto r = request("PUT", "/1/services/" + encode_path_segment(doc.id));
  r.headers["Content-Type"] = "application/json";
  r.body = doc.body;
  auto outcome = send_request(r);
  if (!outcome.ok()) {
    result.error = "the gateway is not answering: " + outcome.error;
    return result;
  }
  const auto& response = *outcome.response;
  if (response.status != 200 && response.status != 201) {
    result.error = describe_error_response(response);
    return result;
  }
  result.ok = true;
  result.created = response.status == 201;
  result.stored_hash = canonical_json_hash(response.body);
  return result;
}

LookupResult ServiceRegistrar::get(const std::string& id) const {
  LookupResult result;
  auto outcome = send_request(request("GET", "/1/services/" + encode_path_segment(id)));
  if (!outcome.ok()) {
    result.error = "the gateway is not answering: " + outcome.error;
    return result;
  }
  const auto& response = *outcome.response;
  if (response.status == 404) {
    result.state = LookupState::NotRegistered;
  } else if (response.status == 200) {
    result.state = LookupState::Registered;
    result.stored_hash = canonical_json_hash(response.body);
  } else {
    result.error = describe_error_response(response);
  }
  return result;
}

}  // namespace ivcapgen::deploy::local
