#include "exit_handler/usage_stats.h"

#include <map>

namespace ivcap::runtime {

std::vector<ServiceUsage> compute_usage(const std::vector<OrderOutcome>& outcomes) {
  std::map<std::string, ServiceUsage> by_service;
  for (const auto& o : outcomes) {
    ServiceUsage& u = by_service[o.service_id];
    u.service_id = o.service_id;
    ++u.orders;
    if (o.status == "succeeded") ++u.succeeded;
    if (o.status == "failed") ++u.failed;
    if (o.status == "error") ++u.errors;
    u.total_runtime_ms += o.runtime_ms;
    // RFC 3339 UTC strings of one format order like the times they name.
    if (o.finished_at > u.last_finished_at) u.last_finished_at = o.finished_at;
  }
  std::vector<ServiceUsage> out;
  for (auto& [id, u] : by_service) out.push_back(std::move(u));
  return out;
}

nlohmann::json usage_to_json(const std::vector<ServiceUsage>& usage) {
  nlohmann::json services = nlohmann::json::array();
  ServiceUsage totals;
  for (const auto& u : usage) {
    double total_s = static_cast<double>(u.total_runtime_ms) / 1000.0;
    services.push_back({{"service", u.service_id},
                        {"orders", u.orders},
                        {"succeeded", u.succeeded},
                        {"failed", u.failed},
                        {"errors", u.errors},
                        {"total-runtime-seconds", total_s},
                        {"average-runtime-seconds", u.orders ? total_s / u.orders : 0.0},
                        {"last-finished-at", u.last_finished_at}});
    totals.orders += u.orders;
    totals.succeeded += u.succeeded;
    totals.failed += u.failed;
    totals.errors += u.errors;
    totals.total_runtime_ms += u.total_runtime_ms;
  }
  return {{"services", services},
          {"totals",
           {{"orders", totals.orders},
            {"succeeded", totals.succeeded},
            {"failed", totals.failed},
            {"errors", totals.errors},
            {"total-runtime-seconds", static_cast<double>(totals.total_runtime_ms) / 1000.0}}}};
}

}  // namespace ivcap::runtime
