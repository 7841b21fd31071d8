#include "deploy/state.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

namespace ivcapgen::deploy {

namespace fs = std::filesystem;

std::string random_uuid() {
  std::random_device rd;
  uint8_t b[16];
  for (auto& x : b) x = static_cast<uint8_t>(rd());
  b[6] = static_cast<uint8_t>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<uint8_t>((b[8] & 0x3F) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 15];
  }
  return out;
}

Json to_json(const State& s) {
  Json inventory = Json::object();
  for (const auto& [key, e] : s.inventory) {
    inventory[key] = {{"hash", e.hash}, {"wave", e.wave}, {"details", e.details}};
  }
  return {{"version", s.version},
          {"serial", s.serial},
          {"lineage", s.lineage},
          {"environment", s.environment},
          {"inventory", std::move(inventory)},
          {"outputs", s.outputs},
          {"lastApply", s.last_apply}};
}

std::optional<State> state_from_json(const Json& j, std::string& error) {
  try {
    State s;
    s.version = j.at("version").get<int>();
    if (s.version != kStateVersion) {
      error = "state format version " + std::to_string(s.version) + " is not supported (expected " +
              std::to_string(kStateVersion) + ")";
      return std::nullopt;
    }
    s.serial = j.at("serial").get<int64_t>();
    s.lineage = j.at("lineage").get<std::string>();
    s.environment = j.at("environment").get<std::string>();
    for (const auto& [key, e] : j.at("inventory").items()) {
      InventoryEntry entry;
      entry.hash = e.at("hash").get<std::string>();
      entry.wave = e.at("wave").get<int>();
      entry.details = e.value("details", Json::object());
      s.inventory.emplace(key, std::move(entry));
    }
    s.outputs = j.value("outputs", Json::object());
    s.last_apply = j.value("lastApply", Json::object());
    return s;
  } catch (const std::exception& e) {
    error = std::string("malformed state: ") + e.what();
    return std::nullopt;
  }
}

fs::path state_dir(const std::string& environment, const fs::path& base) {
  return (base.empty() ? fs::path(".") : base) / ".ivcapgen" / environment;
}

std::optional<State> StateStore::load(const std::string& environment, std::string& error) const {
  std::error_code ec;
  if (!fs::exists(file(), ec)) {
    State s;
    s.lineage = random_uuid();
    s.environment = environment;
    return s;
  }
  std::ifstream in(file(), std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) {
    error = "cannot read " + file().string();
    return std::nullopt;
  }
  Json j = Json::parse(text.str(), nullptr, false);
  if (j.is_discarded()) {
    error = file().string() + " is not valid JSON";
    return std::nullopt;
  }
  auto s = state_from_json(j, error);
  if (!s) {
    error = file().string() + ": " + error;
    return std::nullopt;
  }
  if (s->environment != environment) {
    error = file().string() + " belongs to environment '" + s->environment + "', not '" +
            environment + "'";
    return std::nullopt;
  }
  return s;
}

bool StateStore::save(State& state, std::string& error) const {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) {
    error = "cannot create " + dir_.string() + ": " + ec.message();
    return false;
  }
  ++state.serial;
  if (!write_file_atomically(file(), to_json(state).dump(2) + "\n", error)) {
    --state.serial;
    return false;
  }
  return true;
}

bool write_file_atomically(const fs::path& path, std::string_view content, std::string& error,
                           unsigned mode) {
  fs::path tmp = path;
  tmp += ".tmp-" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  auto fail = [&](const char* what) {
    error = std::string(what) + " " + tmp.string() + ": " + std::strerror(errno);
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    return false;
  };
  if (fd < 0) return fail("cannot create");
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("cannot write");
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("cannot sync");
  if (::close(fd) != 0) {
    fd = -1;
    return fail("cannot close");
  }
  fd = -1;
  if (::rename(tmp.c_str(), path.c_str()) != 0) return fail("cannot rename");
  int dir = ::open(path.parent_path().empty() ? "." : path.parent_path().c_str(),
                   O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return true;
}

}  // namespace ivcapgen::deploy
