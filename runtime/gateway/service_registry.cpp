#include "gateway/service_registry.h"

#include <algorithm>

#include "common/controller_schema.h"
#include "common/http_errors.h"
#include "common/rfc3339_time.h"

namespace ivcap::runtime {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

ServiceRegistry::ServiceRegistry(SqliteDb& db) : db_(db) {
  db_.exec(
      "CREATE TABLE IF NOT EXISTS services ("
      " id TEXT PRIMARY KEY, name TEXT NOT NULL, app_host TEXT, doc TEXT NOT NULL,"
      " created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
      "CREATE INDEX IF NOT EXISTS services_by_name ON services(name);"
      "CREATE INDEX IF NOT EXISTS services_by_host ON services(app_host);");
}

bool ServiceRegistry::upsert(const nlohmann::json& doc) {
  const std::string id = doc.at("id").get<std::string>();
  const auto& controller = doc.at("controller");
  std::optional<std::string> host;
  if (parse_controller_schema(controller.value("$schema", "")) == ControllerModel::AppServer) {
    host = lower(controller.value("host", ""));
  }
  const std::string now = format_rfc3339(std::chrono::system_clock::now());
  std::lock_guard lock(mutex_);
  bool existed = false;
  {
    auto q = db_.prepare("SELECT 1 FROM services WHERE id = ?1");
    q.bind(1, id);
    existed = q.step();
  }
  auto stmt = db_.prepare(
      "INSERT INTO services(id, name, app_host, doc, created_at, updated_at)"
      " VALUES(?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT(id) DO UPDATE SET"
      " name=?2, app_host=?3, doc=?4, updated_at=?5");
  stmt.bind(1, id).bind(2, doc.at("name").get<std::string>());
  if (host) {
    stmt.bind(3, *host);
  } else {
    stmt.bind_null(3);
  }
  stmt.bind(4, dump_json(doc)).bind(5, now);
  stmt.step();
  return !existed;
}

std::optional<nlohmann::json> ServiceRegistry::find(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.prepare("SELECT doc FROM services WHERE id = ?1");
  stmt.bind(1, id);
  if (!stmt.step()) return std::nullopt;
  return nlohmann::json::parse(stmt.text(0));
}

std::vector<nlohmann::json> ServiceRegistry::list() {
  std::lock_guard lock(mutex_);
  auto stmt = db_.prepare("SELECT doc FROM services ORDER BY name, id");
  std::vector<nlohmann::json> out;
  while (stmt.step()) out.push_back(nlohmann::json::parse(stmt.text(0)));
  return out;
}

std::vector<nlohmann::json> ServiceRegistry::find_by_name(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.prepare("SELECT doc FROM services WHERE name = ?1 ORDER BY id");
  stmt.bind(1, name);
  std::vector<nlohmann::json> out;
  while (stmt.step()) out.push_back(nlohmann::json::parse(stmt.text(0)));
  return out;
}

std::optional<nlohmann::json> ServiceRegistry::find_app_by_host(
    const std::vector<std::string>& hosts) {
  std::lock_guard lock(mutex_);
  for (const auto& host : hosts) {
    auto stmt = db_.prepare("SELECT doc FROM services WHERE app_host = ?1 ORDER BY id LIMIT 1");
    stmt.bind(1, lower(host));
    if (stmt.step()) return nlohmann::json::parse(stmt.text(0));
  }
  return std::nullopt;
}

}  // namespace ivcap::runtime
