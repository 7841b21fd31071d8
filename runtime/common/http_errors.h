#pragma once
// Every error response of every component has the same JSON body:
//   {"error": "<code>", "message": "<what went wrong, for a human>"}
// plus optional "details". `code` is a stable kebab-case word per status
// (bad-request, unauthorized, not-found, payload-too-large, ...), or a more
// specific one given by the caller (e.g. "controller-not-orderable").
#include <string>
#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace ivcap::runtime {

std::string_view error_code_for_status(int status);

void send_error(httplib::Response& res, int status, std::string_view message,
                std::string_view code = {}, const nlohmann::json& details = nullptr);

void send_json(httplib::Response& res, int status, const nlohmann::json& body);

// Parses a request body as a JSON object; on failure sends 400 naming the
// problem (parse error position, or "expected a JSON object") and returns
// nullopt.
std::optional<nlohmann::json> parse_json_object(const httplib::Request& req,
                                                httplib::Response& res);

// JSON text safe for hostile strings (invalid UTF-8 is replaced).
std::string dump_json(const nlohmann::json& value, int indent = -1);

}  // namespace ivcap::runtime
