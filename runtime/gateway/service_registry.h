#pragma once
// The gateway's service registry, in SQLite (<data-dir>/gateway.db):
// normalised service documents by id, with the columns the gateway routes
// by (name; the host of app-server services).
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/sqlite_db.h"

namespace ivcap::runtime {

class ServiceRegistry {
 public:
  explicit ServiceRegistry(SqliteDb& db);

  // Inserts or replaces; true when the service is new.
  bool upsert(const nlohmann::json& doc);
  std::optional<nlohmann::json> find(const std::string& id);
  std::vector<nlohmann::json> list();
  // Services with this name (normally one).
  std::vector<nlohmann::json> find_by_name(const std::string& name);
  // The app-server service whose controller host is one of `hosts`.
  std::optional<nlohmann::json> find_app_by_host(const std::vector<std::string>& hosts);

 private:
  SqliteDb& db_;
  std::mutex mutex_;
};

}  // namespace ivcap::runtime
