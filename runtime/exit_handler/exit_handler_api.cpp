#include "exit_handler/exit_handler_api.h"

#include <httplib.h>

#include "common/http_errors.h"
#include "common/ivcap_urn.h"
#include "exit_handler/usage_stats.h"

namespace ivcap::runtime {

namespace {

bool check_order_id(const std::string& id, httplib::Response& res) {
  if (is_order_id(id)) return true;
  send_error(res, 400, "malformed order id '" + id + "'; expected urn:ivcap:order:<uuid>",
             "malformed-id");
  return false;
}

std::optional<std::string> service_filter(const httplib::Request& req, httplib::Response& res) {
  if (!req.has_param("service")) return std::string();
  std::string service = req.get_param_value("service");
  if (is_service_id(service)) return service;
  send_error(res, 400, "malformed service id '" + service + "'", "malformed-id");
  return std::nullopt;
}

}  // namespace

void install_exit_handler_routes(httplib::Server& server, OutcomeStore& store, JsonLog& log) {
  server.Post(R"(/1/orders/([^/]+)/exit)",
              [&store, &log](const httplib::Request& req, httplib::Response& res) {
                const std::string id = req.matches[1];
                if (!check_order_id(id, res)) return;
                auto body = parse_json_object(req, res);
                if (!body) return;
                auto parsed = parse_order_outcome(id, *body);
                if (auto* why = std::get_if<std::string>(&parsed))
                  return send_error(res, 400, *why);
                OrderOutcome stored = store.record(std::get<OrderOutcome>(std::move(parsed)));
                log.info("order outcome recorded", {{"order", stored.order_id},
                                                    {"service", stored.service_id},
                                                    {"status", stored.status},
                                                    {"runtime-ms", stored.runtime_ms}});
                send_json(res, 200, to_json(stored));
              });

  server.Get(R"(/1/orders/([^/]+))", [&store](const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    if (!check_order_id(id, res)) return;
    auto outcome = store.find(id);
    if (!outcome) return send_error(res, 404, "no outcome recorded for order '" + id + "'");
    send_json(res, 200, to_json(*outcome));
  });

  server.Get("/1/orders", [&store](const httplib::Request& req, httplib::Response& res) {
    auto service = service_filter(req, res);
    if (!service) return;
    nlohmann::json items = nlohmann::json::array();
    for (const auto& o : store.list(service->empty() ? std::nullopt : service)) {
      items.push_back(to_json(o));
    }
    send_json(res, 200, {{"items", items}});
  });

  server.Get("/1/stats", [&store](const httplib::Request& req, httplib::Response& res) {
    auto service = service_filter(req, res);
    if (!service) return;
    send_json(res, 200,
              usage_to_json(compute_usage(store.list(service->empty() ? std::nullopt : service))));
  });
}

}  // namespace ivcap::runtime
