#pragma once
// Starts the real runtime binaries for process-level tests: each on a
// loopback port the kernel picks (--listen 127.0.0.1:0 --port-file), talked
// to with httplib::Client, stopped with SIGTERM.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "support/test_env.h"

namespace ivcap::runtime::testing {

inline constexpr const char* kTestToken = "test-token-0123456789abcdef";

// Runs `exe args...` to completion; returns its exit code and stderr.
struct RunResult {
  int exit_code = -1;
  std::string output;
};
RunResult run_to_completion(const std::string& exe, const std::vector<std::string>& args);

class ComponentProcess {
 public:
  // Starts `exe` with `args` plus --listen 127.0.0.1:0 --port-file, and waits
  // (up to 10 s) for the port file. Throws if the process exits first.
  ComponentProcess(std::string name, const std::string& exe, std::vector<std::string> args,
                   const std::filesystem::path& work_dir);
  ~ComponentProcess();
  ComponentProcess(const ComponentProcess&) = delete;
  ComponentProcess& operator=(const ComponentProcess&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // A client that sends the test token (or `token` when given).
  std::unique_ptr<httplib::Client> client(std::optional<std::string> token = kTestToken) const;
  // SIGTERM, wait up to 10 s; returns the exit code (-signal if killed).
  int stop();
  bool running() const { return pid_ > 0; }
  std::filesystem::path log_file() const { return log_file_; }

 private:
  std::string name_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::filesystem::path log_file_;
};

bool port_is_open(int port);

struct StackOptions {
  std::vector<std::string> gateway_flags;
  std::vector<std::string> dispatcher_flags;
  std::vector<std::string> data_proxy_flags;
};

// The four components wired together, with a token file and data dirs in a
// fresh TempDir.
class RuntimeStack {
 public:
  explicit RuntimeStack(const StackOptions& options = {});
  ~RuntimeStack();

  ivcapgen::testing::TempDir dir;
  std::filesystem::path token_file;
  std::unique_ptr<ComponentProcess> data_proxy;
  std::unique_ptr<ComponentProcess> exit_handler;
  std::unique_ptr<ComponentProcess> dispatcher;
  std::unique_ptr<ComponentProcess> gateway;

  std::unique_ptr<httplib::Client> api() const { return gateway->client(); }
  // POST a JSON body to the gateway; returns status and parsed body.
  std::pair<int, nlohmann::json> post(const std::string& path, const nlohmann::json& body) const;
  std::pair<int, nlohmann::json> get(const std::string& path) const;
  // Registers a service; returns its id.
  std::string register_service(const nlohmann::json& doc) const;
  std::string upload(const std::string& bytes, const std::string& content_type) const;
  std::string download(const std::string& artifact_id) const;
  // Orders and polls until the order ends (or `timeout`); returns the order.
  nlohmann::json order_and_wait(const std::string& service_id, const nlohmann::json& parameters,
                                std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;
  nlohmann::json wait_for_order(const std::string& order_id,
                                std::chrono::milliseconds timeout) const;
  // Stops all four with SIGTERM; returns their exit codes by name.
  std::map<std::string, int> stop_all();
};

std::string write_token_file(const std::filesystem::path& path, unsigned mode);

// A minimal service.2 document.
nlohmann::json service_doc(const std::string& name, const nlohmann::json& controller,
                           const nlohmann::json& parameters = nlohmann::json::array());

}  // namespace ivcap::runtime::testing
