#include "deploy/history.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace ivcapgen::deploy {

namespace {

std::string utc_text(std::chrono::system_clock::time_point time) {
  const std::time_t t = std::chrono::system_clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

Json hash_or_null(const std::string& hash) {
  return hash.empty() ? Json() : Json(hash);
}

}  // namespace

std::string history_line(const HistoryEntry& e) {
  return Json{{"time", utc_text(e.time)},
              {"environment", e.environment},
              {"wave", e.wave},
              {"object", e.object},
              {"key", e.key},
              {"action", e.action},
              {"before", hash_or_null(e.before_sha256)},
              {"after", hash_or_null(e.after_sha256)}}
      .dump();
}

HistoryEntry history_entry(std::chrono::system_clock::time_point time,
                           const std::string& environment, int wave, const PlannedChange& c) {
  HistoryEntry e;
  e.time = time;
  e.environment = environment;
  e.wave = wave;
  e.object = c.address;
  e.key = c.key;
  e.action = std::string(action_name(c.action));
  e.before_sha256 = c.action == Action::Create ? std::string() : c.live_hash;
  e.after_sha256 = c.action == Action::Delete ? std::string() : c.desired_hash;
  return e;
}

bool append_history(const std::filesystem::path& file, const HistoryEntry& entry,
                    std::string& error) {
  const std::string line = history_line(entry) + "\n";
  const int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    error = "cannot open " + file.string() + ": " + std::strerror(errno);
    return false;
  }
  // One write: O_APPEND places the whole line at the end atomically.
  const ssize_t written = ::write(fd, line.data(), line.size());
  const int write_errno = errno;
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (written != static_cast<ssize_t>(line.size())) {
    error = "cannot append to " + file.string() + ": " +
            (written < 0 ? std::strerror(write_errno) : "short write");
    return false;
  }
  if (!synced) {
    error = "cannot sync " + file.string() + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace ivcapgen::deploy
