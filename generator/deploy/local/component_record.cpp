#include "deploy/local/component_record.h"

#include <sys/stat.h>

#include <ctime>

namespace ivcapgen::deploy::local {

InventoryEntry ComponentRecord::to_entry() const {
  InventoryEntry e;
  e.hash = config_hash;
  e.wave = kRuntimeWave;
  e.details = Json{{"pid", process.pid},
                   {"startTicks", process.start_ticks},
                   {"bootId", process.boot_id},
                   {"port", port},
                   {"program", program},
                   {"programStamp", program_stamp},
                   {"argv", argv},
                   {"started", started},
                   {"log", log}};
  return e;
}

std::optional<ComponentRecord> ComponentRecord::from_entry(const InventoryEntry& entry) {
  try {
    const Json& d = entry.details;
    ComponentRecord r;
    r.config_hash = entry.hash;
    r.process.pid = d.at("pid").get<int>();
    r.process.start_ticks = d.at("startTicks").get<uint64_t>();
    r.process.boot_id = d.value("bootId", "");
    r.port = d.at("port").get<int>();
    r.program = d.value("program", "");
    r.program_stamp = d.value("programStamp", "");
    r.argv = d.value("argv", std::vector<std::string>{});
    r.started = d.value("started", "");
    r.log = d.value("log", "");
    if (r.process.pid <= 0) return std::nullopt;
    return r;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

InventoryEntry ServiceRecord::to_entry() const {
  InventoryEntry e;
  e.hash = document_hash;
  e.wave = kRegistrationWave;
  e.details = Json{{"name", name}, {"storedHash", stored_hash}, {"registered", registered}};
  return e;
}

std::optional<ServiceRecord> ServiceRecord::from_entry(const InventoryEntry& entry) {
  try {
    ServiceRecord r;
    r.document_hash = entry.hash;
    r.name = entry.details.at("name").get<std::string>();
    r.stored_hash = entry.details.value("storedHash", "");
    r.registered = entry.details.value("registered", "");
    return r;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string file_stamp(const std::string& path) {
  struct stat st {};
  if (path.empty() || ::stat(path.c_str(), &st) != 0) return "";
  return std::to_string(st.st_size) + ":" +
         std::to_string(static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec);
}

std::string now_rfc3339() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace ivcapgen::deploy::local
