#pragma once
// Usage statistics per service (seed 004: "developers should get basic
// stats on usage"), computed from recorded order outcomes.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "exit_handler/order_outcome.h"

namespace ivcap::runtime {

struct ServiceUsage {
  std::string service_id;
  std::int64_t orders = 0;
  std::int64_t succeeded = 0;
  std::int64_t failed = 0;
  std::int64_t errors = 0;
  std::int64_t total_runtime_ms = 0;
  std::string last_finished_at;
};

// One entry per service, sorted by service id.
std::vector<ServiceUsage> compute_usage(const std::vector<OrderOutcome>& outcomes);

// {"services": [{service, orders, succeeded, failed, errors,
//   total-runtime-seconds, average-runtime-seconds, last-finished-at}],
//  "totals": {orders, succeeded, failed, errors, total-runtime-seconds}}
nlohmann::json usage_to_json(const std::vector<ServiceUsage>& usage);

}  // namespace ivcap::runtime
