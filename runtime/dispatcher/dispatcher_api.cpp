#include "dispatcher/dispatcher_api.h"

#include <httplib.h>

#include "common/http_errors.h"
#include "common/ivcap_urn.h"
#include "dispatcher/order_intake.h"

namespace ivcap::runtime {

namespace {

// Artifact parameters must name artifacts the data proxy has: refused at
// order time (422) rather than failing the run later.
std::optional<IntakeRefusal> check_artifacts(const OrderTicket& ticket,
                                             const PeerClient& data_proxy) {
  for (const auto& [name, id] : ticket.parameters.artifacts) {
    auto res = data_proxy.get("/1/artifacts/" + id + "/metadata");
    if (res && res->status == 200) continue;
    if (res && res->status == 404) {
      return IntakeRefusal{422, "invalid-parameters",
                           "parameter '" + name + "': artifact '" + id + "' does not exist"};
    }
    return IntakeRefusal{
        502, "bad-gateway",
        "cannot check artifact '" + id + "' with the data proxy: " + describe_failure(res)};
  }
  return std::nullopt;
}

}  // namespace

void install_dispatcher_routes(httplib::Server& server, OrderQueue& orders, InstancePool& instances,
                               const PeerClient& data_proxy, JsonLog& log) {
  server.Post("/1/orders", [&orders, &data_proxy, &log](const httplib::Request& req,
                                                        httplib::Response& res) {
    auto body = parse_json_object(req, res);
    if (!body) return;
    auto accepted = accept_order(*body);
    if (auto* refusal = std::get_if<IntakeRefusal>(&accepted)) {
      log.info("order refused", {{"code", refusal->code}, {"message", refusal->message}});
      return send_error(res, refusal->status, refusal->message, refusal->code);
    }
    auto& ticket = std::get<OrderTicket>(accepted);
    if (auto refusal = check_artifacts(ticket, data_proxy)) {
      return send_error(res, refusal->status, refusal->message, refusal->code);
    }
    std::string id = ticket.order_id;
    std::string provider(provider_name(ticket.provider));
    if (!orders.submit(std::move(ticket))) {
      return send_error(res, 409, "order '" + id + "' is already known");
    }
    log.info("order accepted", {{"order", id}, {"provider", provider}});
    send_json(res, 202, {{"id", id}, {"status", "queued"}, {"provider", provider}});
  });

  server.Get(R"(/1/orders/([^/]+))",
             [&orders](const httplib::Request& req, httplib::Response& res) {
               const std::string id = req.matches[1];
               if (!is_order_id(id))
                 return send_error(res, 400, "malformed order id '" + id + "'", "malformed-id");
               auto status = orders.status(id);
               if (!status) return send_error(res, 404, "unknown order '" + id + "'");
               send_json(res, 200, *status);
             });

  server.Get("/1/orders", [&orders](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, orders.list());
  });

  server.Post("/1/instances", [&instances](const httplib::Request& req, httplib::Response& res) {
    auto body = parse_json_object(req, res);
    if (!body) return;
    if (!body->contains("service")) return send_error(res, 400, "'service' is required");
    const auto& service = (*body)["service"];
    auto provider = select_provider(service);
    if (auto* refusal = std::get_if<ProviderRefusal>(&provider)) {
      return send_error(res, refusal->status, refusal->message, refusal->code);
    }
    if (std::get<ProviderKind>(provider) != ProviderKind::Dynamic) {
      return send_error(res, 422, "only rest/dynamic services run as instances", "not-dynamic");
    }
    try {
      auto lease = instances.acquire(service);
      send_json(res, 200,
                {{"lease", lease.id},
                 {"url", lease.url},
                 {"context-root", lease.context_root},
                 {"port", lease.port}});
    } catch (const InstanceError& e) {
      send_error(res, e.status, e.message, e.code);
    }
  });

  server.Delete(R"(/1/leases/([^/]+))",
                [&instances](const httplib::Request& req, httplib::Response& res) {
                  if (!instances.release(req.matches[1]))
                    return send_error(res, 404, "unknown lease");
                  res.status = 204;
                });

  server.Get("/1/instances", [&instances](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, instances.describe());
  });
}

}  // namespace ivcap::runtime
