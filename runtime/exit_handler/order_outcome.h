#pragma once
// What the dispatcher reports when an order ends (POST /1/orders/{id}/exit)
// and what GET /1/orders/{id} returns.
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

namespace ivcap::runtime {

struct OrderOutcome {
  std::string order_id;
  std::string service_id;
  std::string status;                                // succeeded | failed | error
  nlohmann::json results = nlohmann::json::array();  // [{id, name?, size?, content-type?}]
  std::string log_excerpt;
  std::string message;
  std::optional<int> exit_code;
  std::string started_at;   // RFC 3339
  std::string finished_at;  // RFC 3339
  std::int64_t runtime_ms = 0;
  std::string recorded_at;
};

// Validates a report body for `order_id`. Returns the outcome or a message
// naming the first problem.
std::variant<OrderOutcome, std::string> parse_order_outcome(const std::string& order_id,
                                                            const nlohmann::json& body);

nlohmann::json to_json(const OrderOutcome& outcome);

// Largest log excerpt kept (the tail is kept).
inline constexpr size_t kMaxLogExcerpt = 16 * 1024;

}  // namespace ivcap::runtime
