#pragma once
// Recorded order outcomes, in SQLite (<data-dir>/exit-handler.db). A second
// report for the same order replaces the first (the dispatcher retries).
#include <filesystem>
#include <mutex>
#include <optional>
#include <vector>

#include "common/sqlite_db.h"
#include "exit_handler/order_outcome.h"

namespace ivcap::runtime {

class OutcomeStore {
 public:
  explicit OutcomeStore(const std::filesystem::path& data_dir);

  // Stamps recorded_at and stores; returns the stored outcome.
  OrderOutcome record(OrderOutcome outcome);
  std::optional<OrderOutcome> find(const std::string& order_id);
  // All outcomes, or those of one service; ordered by finish time.
  std::vector<OrderOutcome> list(const std::optional<std::string>& service_id);

 private:
  SqliteDb db_;
  std::mutex mutex_;
};

}  // namespace ivcap::runtime
