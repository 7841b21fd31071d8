#pragma once
// Structured logs: one JSON object per line, appended to --log-file (or
// stderr). Each line has ts, level, component, msg and the caller's fields.
// Callers never pass secrets: tokens and Authorization headers stay out.
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ivcap::runtime {

class JsonLog {
 public:
  // Opens (creates with mode 0600, appends) `file`; stderr when absent.
  JsonLog(std::string component, const std::optional<std::filesystem::path>& file);
  ~JsonLog();
  JsonLog(const JsonLog&) = delete;
  JsonLog& operator=(const JsonLog&) = delete;

  void info(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());
  void warn(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());
  void error(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());

  const std::string& component() const { return component_; }

 private:
  void write(std::string_view level, std::string_view msg, const nlohmann::json& fields);

  std::string component_;
  int fd_ = 2;
  bool owns_fd_ = false;
  std::mutex mutex_;
};

}  // namespace ivcap::runtime
