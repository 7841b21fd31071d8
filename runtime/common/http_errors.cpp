#include "common/http_errors.h"

namespace ivcap::runtime {

std::string_view error_code_for_status(int status) {
  switch (status) {
    case 400:
      return "bad-request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not-found";
    case 405:
      return "method-not-allowed";
    case 409:
      return "conflict";
    case 411:
      return "length-required";
    case 413:
      return "payload-too-large";
    case 414:
      return "uri-too-long";
    case 415:
      return "unsupported-media-type";
    case 422:
      return "unprocessable";
    case 500:
      return "internal";
    case 502:
      return "bad-gateway";
    case 503:
      return "unavailable";
    case 504:
      return "gateway-timeout";
    default:
      return status >= 500 ? "internal" : "error";
  }
}

std::string dump_json(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(dump_json(body) + "\n", "application/json");
}

void send_error(httplib::Response& res, int status, std::string_view message, std::string_view code,
                const nlohmann::json& details) {
  nlohmann::json body = {
      {"error", code.empty() ? error_code_for_status(status) : code},
      {"message", message},
  };
  if (!details.is_null()) body["details"] = details;
  send_json(res, status, body);
}

std::optional<nlohmann::json> parse_json_object(const httplib::Request& req,
                                                httplib::Response& res) {
  if (req.body.empty()) {
    send_error(res, 400, "request body is empty; expected a JSON object", "malformed-json");
    return std::nullopt;
  }
  try {
    auto doc = nlohmann::json::parse(req.body);
    if (!doc.is_object()) {
      send_error(
          res, 400,
          std::string("request body is a JSON ") + doc.type_name() + "; expected a JSON object",
          "malformed-json");
      return std::nullopt;
    }
    return doc;
  } catch (const nlohmann::json::parse_error& e) {
    send_error(res, 400, std::string("request body is not valid JSON: ") + e.what(),
               "malformed-json", {{"byte", e.byte}});
    return std::nullopt;
  }
}

}  // namespace ivcap::runtime
