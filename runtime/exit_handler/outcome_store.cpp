#include "exit_handler/outcome_store.h"

#include "common/rfc3339_time.h"

namespace ivcap::runtime {

namespace {

OrderOutcome from_row(const SqliteStatement& row) {
  auto doc = nlohmann::json::parse(row.text(0));
  OrderOutcome o;
  o.order_id = doc.at("id").get<std::string>();
  o.service_id = doc.at("service").get<std::string>();
  o.status = doc.at("status").get<std::string>();
  o.results = doc.value("results", nlohmann::json::array());
  o.log_excerpt = doc.value("log", "");
  o.message = doc.value("message", "");
  if (doc.contains("exit-code") && doc["exit-code"].is_number_integer()) {
    o.exit_code = doc["exit-code"].get<int>();
  }
  o.started_at = doc.value("started-at", "");
  o.finished_at = doc.value("finished-at", "");
  o.recorded_at = doc.value("recorded-at", "");
  o.runtime_ms = row.integer(1);
  return o;
}

}  // namespace

OutcomeStore::OutcomeStore(const std::filesystem::path& data_dir)
    : db_((std::filesystem::create_directories(data_dir), data_dir / "exit-handler.db")) {
  db_.exec(
      "CREATE TABLE IF NOT EXISTS outcomes ("
      " order_id TEXT PRIMARY KEY, service_id TEXT NOT NULL, status TEXT NOT NULL,"
      " runtime_ms INTEGER NOT NULL, finished_at TEXT NOT NULL, doc TEXT NOT NULL);"
      "CREATE INDEX IF NOT EXISTS outcomes_by_service ON outcomes(service_id);");
}

OrderOutcome OutcomeStore::record(OrderOutcome outcome) {
  outcome.recorded_at = format_rfc3339(std::chrono::system_clock::now());
  std::string doc = to_json(outcome).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::lock_guard lock(mutex_);
  auto stmt = db_.prepare(
      "INSERT INTO outcomes(order_id, service_id, status, runtime_ms, finished_at, doc)"
      " VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(order_id) DO UPDATE SET"
      " service_id=?2, status=?3, runtime_ms=?4, finished_at=?5, doc=?6");
  stmt.bind(1, outcome.order_id)
      .bind(2, outcome.service_id)
      .bind(3, outcome.status)
      .bind(4, static_cast<std::int64_t>(outcome.runtime_ms))
      .bind(5, outcome.finished_at)
      .bind(6, doc);
  stmt.step();
  return outcome;
}

std::optional<OrderOutcome> OutcomeStore::find(const std::string& order_id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.prepare("SELECT doc, runtime_ms FROM outcomes WHERE order_id = ?1");
  stmt.bind(1, order_id);
  if (!stmt.step()) return std::nullopt;
  return from_row(stmt);
}

std::vector<OrderOutcome> OutcomeStore::list(const std::optional<std::string>& service_id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.prepare(
      service_id ? "SELECT doc, runtime_ms FROM outcomes WHERE service_id = ?1"
                   " ORDER BY finished_at, order_id"
                 : "SELECT doc, runtime_ms FROM outcomes ORDER BY finished_at, order_id");
  if (service_id) stmt.bind(1, *service_id);
  std::vector<OrderOutcome> out;
  while (stmt.step()) out.push_back(from_row(stmt));
  return out;
}

}  // namespace ivcap::runtime
