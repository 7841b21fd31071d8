#include "gateway/order_book.h"

#include "common/http_errors.h"
#include "common/rfc3339_time.h"

namespace ivcap::runtime {

namespace {

nlohmann::json row_json(const SqliteStatement& row) {
  return {{"id", row.text(0)},
          {"service", row.text(1)},
          {"parameters", nlohmann::json::parse(row.text(2))},
          {"created-at", row.text(3)}};
}

}  // namespace

OrderBook::OrderBook(SqliteDb& db) : db_(db) {
  db_.exec(
      "CREATE TABLE IF NOT EXISTS orders ("
      " id TEXT PRIMARY KEY, service_id TEXT NOT NULL, parameters TEXT NOT NULL,"
      " created_at TEXT NOT NULL, seq INTEGER);"
      "CREATE INDEX IF NOT EXISTS orders_by_service ON orders(service_id);");
}

nlohmann::json OrderBook::add(const std::string& order_id, const std::string& service_id,
                              const nlohmann::json& parameters) {
  const std::string now = format_rfc3339(std::chrono::system_clock::now());
  std::lock_guard lock(mutex_);
  auto stmt = db_.prepare(
      "INSERT INTO orders(id, service_id, parameters, created_at, seq)"
      " VALUES(?1, ?2, ?3, ?4, (SELECT COALESCE(MAX(seq), 0) + 1 FROM orders))");
  stmt.bind(1, order_id).bind(2, service_id).bind(3, dump_json(parameters)).bind(4, now);
  stmt.step();
  return {
      {"id", order_id}, {"service", service_id}, {"parameters", parameters}, {"created-at", now}};
}

std::optional<nlohmann::json> OrderBook::find(const std::string& order_id) {
  std::lock_guard lock(mutex_);
  auto stmt =
      db_.prepare("SELECT id, service_id, parameters, created_at FROM orders WHERE id = ?1");
  stmt.bind(1, order_id);
  if (!stmt.step()) return std::nullopt;
  return row_json(stmt);
}

std::vector<nlohmann::json> OrderBook::list(const std::optional<std::string>& service_id,
                                            int limit) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.prepare(service_id ? "SELECT id, service_id, parameters, created_at FROM orders"
                                       " WHERE service_id = ?1 ORDER BY seq DESC LIMIT ?2"
                                     : "SELECT id, service_id, parameters, created_at FROM orders"
                                       " ORDER BY seq DESC LIMIT ?2");
  if (service_id) stmt.bind(1, *service_id);
  stmt.bind(2, static_cast<std::int64_t>(limit));
  std::vector<nlohmann::json> out;
  while (stmt.step()) out.push_back(row_json(stmt));
  return out;
}

}  // namespace ivcap::runtime
