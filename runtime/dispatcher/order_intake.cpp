#include "dispatcher/order_intake.h"

#include "common/ivcap_urn.h"

namespace ivcap::runtime {

std::variant<OrderTicket, IntakeRefusal> accept_order(const nlohmann::json& body) {
  auto bad = [](std::string message) {
    return IntakeRefusal{400, "bad-request", std::move(message)};
  };
  if (!body.contains("id") || !body["id"].is_string() ||
      !is_order_id(body["id"].get<std::string>())) {
    return bad("'id' must be an order id (urn:ivcap:order:<uuid>)");
  }
  if (!body.contains("service") || !body["service"].is_object()) {
    return bad("'service' must be the service document");
  }
  const auto& service = body["service"];
  if (!service.contains("id") || !service["id"].is_string() ||
      !is_service_id(service["id"].get<std::string>())) {
    return bad("'service.id' must be a service id (urn:ivcap:service:<uuid>)");
  }
  OrderTicket ticket;
  ticket.order_id = body["id"].get<std::string>();
  ticket.service_id = service["id"].get<std::string>();
  ticket.service = service;

  auto provider = select_provider(service);
  if (auto* refusal = std::get_if<ProviderRefusal>(&provider)) {
    return IntakeRefusal{refusal->status, refusal->code, refusal->message};
  }
  ticket.provider = std::get<ProviderKind>(provider);

  auto bound = bind_parameters(service.value("parameters", nlohmann::json()),
                               body.value("parameters", nlohmann::json()));
  if (bound.index() == 1) return IntakeRefusal{422, "invalid-parameters", std::get<1>(bound)};
  ticket.parameters = std::get<0>(bound);

  const auto& controller = service["controller"];
  const std::string uuid = order_uuid(ticket.order_id);
  std::variant<LocalPlan, std::string> plan;
  switch (ticket.provider) {
    case ProviderKind::Basic:
      plan = plan_basic(controller, ticket.parameters, uuid);
      break;
    case ProviderKind::Argo:
      plan = plan_argo(controller, ticket.parameters, uuid);
      break;
    case ProviderKind::Dynamic:
      plan = LocalPlan{};
      break;
  }
  if (plan.index() == 1) return IntakeRefusal{422, "invalid-service", std::get<1>(plan)};
  ticket.plan = std::move(std::get<0>(plan));
  return ticket;
}

}  // namespace ivcap::runtime
