#include "exit_handler/order_outcome.h"

#include "common/ivcap_urn.h"
#include "common/rfc3339_time.h"

namespace ivcap::runtime {

namespace {

std::optional<std::string> optional_string(const nlohmann::json& body, const char* key,
                                           std::string& error) {
  if (!body.contains(key) || body[key].is_null()) return std::nullopt;
  if (!body[key].is_string()) {
    error = std::string("'") + key + "' must be a string";
    return std::nullopt;
  }
  return body[key].get<std::string>();
}

}  // namespace

std::variant<OrderOutcome, std::string> parse_order_outcome(const std::string& order_id,
                                                            const nlohmann::json& body) {
  if (!is_order_id(order_id)) return "malformed order id '" + order_id + "'";
  OrderOutcome out;
  out.order_id = order_id;
  std::string error;
  auto service = optional_string(body, "service", error);
  if (!error.empty()) return error;
  if (!service || !is_service_id(*service)) {
    return "'service' must be a service id (urn:ivcap:service:<uuid>)";
  }
  out.service_id = *service;
  auto status = optional_string(body, "status", error);
  if (!error.empty()) return error;
  if (!status || (*status != "succeeded" && *status != "failed" && *status != "error")) {
    return "'status' must be one of succeeded, failed, error";
  }
  out.status = *status;

  if (body.contains("results")) {
    if (!body["results"].is_array()) return "'results' must be an array";
    if (body["results"].size() > 1000) return "'results' has more than 1000 entries";
    for (const auto& r : body["results"]) {
      nlohmann::json entry = r.is_string() ? nlohmann::json{{"id", r}} : r;
      if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string() ||
          !artifact_digest(entry["id"].get<std::string>())) {
        return "each result must be an artifact id or an object with an artifact 'id'";
      }
      nlohmann::json kept = {{"id", entry["id"]}};
      for (const char* key : {"name", "content-type"}) {
        if (entry.contains(key) && entry[key].is_string()) kept[key] = entry[key];
      }
      if (entry.contains("size") && entry["size"].is_number_unsigned())
        kept["size"] = entry["size"];
      out.results.push_back(kept);
    }
  }
  if (auto log = optional_string(body, "log", error)) {
    out.log_excerpt =
        log->size() > kMaxLogExcerpt ? log->substr(log->size() - kMaxLogExcerpt) : *log;
  }
  if (!error.empty()) return error;
  if (auto message = optional_string(body, "message", error))
    out.message = message->substr(0, 4096);
  if (!error.empty()) return error;
  if (body.contains("exit-code") && !body["exit-code"].is_null()) {
    if (!body["exit-code"].is_number_integer()) return "'exit-code' must be an integer";
    out.exit_code = body["exit-code"].get<int>();
  }

  auto started = optional_string(body, "started-at", error);
  if (!error.empty()) return error;
  auto finished = optional_string(body, "finished-at", error);
  if (!error.empty()) return error;
  if (!started || !finished) return "'started-at' and 'finished-at' are required (RFC 3339)";
  auto t0 = parse_rfc3339(*started);
  auto t1 = parse_rfc3339(*finished);
  if (!t0) return "'started-at' is not an RFC 3339 time: '" + *started + "'";
  if (!t1) return "'finished-at' is not an RFC 3339 time: '" + *finished + "'";
  if (*t1 < *t0) return "'finished-at' is before 'started-at'";
  out.started_at = format_rfc3339(*t0);
  out.finished_at = format_rfc3339(*t1);
  out.runtime_ms = std::chrono::duration_cast<std::chrono::milliseconds>(*t1 - *t0).count();
  return out;
}

nlohmann::json to_json(const OrderOutcome& o) {
  nlohmann::json j = {{"id", o.order_id},
                      {"service", o.service_id},
                      {"status", o.status},
                      {"results", o.results},
                      {"log", o.log_excerpt},
                      {"message", o.message},
                      {"started-at", o.started_at},
                      {"finished-at", o.finished_at},
                      {"runtime-seconds", static_cast<double>(o.runtime_ms) / 1000.0},
                      {"recorded-at", o.recorded_at}};
  j["exit-code"] = o.exit_code ? nlohmann::json(*o.exit_code) : nlohmann::json(nullptr);
  return j;
}

}  // namespace ivcap::runtime
