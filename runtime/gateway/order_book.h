#pragma once
// The gateway's own record of orders placed through it (SQLite): who ordered
// what with which parameters, and when. How an order is going comes from the
// dispatcher (live) and the exit handler (final).
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/sqlite_db.h"

namespace ivcap::runtime {

class OrderBook {
 public:
  explicit OrderBook(SqliteDb& db);

  // Returns the stored record {id, service, parameters, created-at}.
  nlohmann::json add(const std::string& order_id, const std::string& service_id,
                     const nlohmann::json& parameters);
  std::optional<nlohmann::json> find(const std::string& order_id);
  // Newest first, at most `limit`, optionally of one service.
  std::vector<nlohmann::json> list(const std::optional<std::string>& service_id, int limit);

 private:
  SqliteDb& db_;
  std::mutex mutex_;
};

}  // namespace ivcap::runtime
