#include "common/json_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/rfc3339_time.h"
#include "common/startup_error.h"

namespace ivcap::runtime {

JsonLog::JsonLog(std::string component, const std::optional<std::filesystem::path>& file)
    : component_(std::move(component)) {
  if (!file) return;
  if (file->has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(file->parent_path(), ec);
  }
  int fd = ::open(file->c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw StartupError("cannot open log file " + file->string() + ": " + std::strerror(errno));
  }
  fd_ = fd;
  owns_fd_ = true;
}

JsonLog::~JsonLog() {
  if (owns_fd_) ::close(fd_);
}

void JsonLog::info(std::string_view msg, const nlohmann::json& fields) {
  write("info", msg, fields);
}
void JsonLog::warn(std::string_view msg, const nlohmann::json& fields) {
  write("warn", msg, fields);
}
void JsonLog::error(std::string_view msg, const nlohmann::json& fields) {
  write("error", msg, fields);
}

void JsonLog::write(std::string_view level, std::string_view msg, const nlohmann::json& fields) {
  nlohmann::json line = nlohmann::json::object();
  if (fields.is_object()) line = fields;
  line["ts"] = format_rfc3339(std::chrono::system_clock::now());
  line["level"] = level;
  line["component"] = component_;
  line["msg"] = msg;
  // Replace rather than throw on invalid UTF-8 coming from hostile input.
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard lock(mutex_);
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // nowhere left to report a logging failure
    done += static_cast<size_t>(n);
  }
}

}  // namespace ivcap::runtime
