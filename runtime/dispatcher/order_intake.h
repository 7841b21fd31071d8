#pragma once
// Turns a dispatch request from the gateway into an OrderTicket, or a
// refusal: the controller selects the provider (seed 002's two distinct
// errors), parameters are bound, and the local plan is built up front so a
// broken service is refused at order time (422), not halfway through a run.
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "dispatcher/order_ticket.h"

namespace ivcap::runtime {

struct IntakeRefusal {
  int status;
  std::string code;
  std::string message;
};

// body: {"id": "urn:ivcap:order:<uuid>", "service": {service.2 document},
//        "parameters": [{"name", "value"}]}
std::variant<OrderTicket, IntakeRefusal> accept_order(const nlohmann::json& body);

}  // namespace ivcap::runtime
