#pragma once
// rest/dynamic services, run locally: started on the first request (the
// gateway asks for a lease), kept while requests are in flight, and stopped
// once idle for the controller's `idle-timeout` (scale to zero, seed 004).
// Each instance gets a free loopback port in $PORT and its context root in
// $CONTEXT_ROOT (/<project>-<name>), and is ready when GET
// <context root><ready-url> answers 2xx.
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/json_log.h"
#include "dispatcher/child_process.h"
#include "dispatcher/dispatcher_config.h"
#include "dispatcher/sandbox.h"

namespace ivcap::runtime {

struct InstanceError {
  int status;
  std::string code;
  std::string message;
};

struct InstanceLease {
  std::string id;
  std::string url;           // http://127.0.0.1:PORT
  std::string context_root;  // /<project>-<name>
  int port = 0;
};

class InstancePool {
 public:
  InstancePool(const DispatcherConfig& config, const Sandbox& sandbox, JsonLog& log);
  ~InstancePool();
  InstancePool(const InstancePool&) = delete;
  InstancePool& operator=(const InstancePool&) = delete;

  // Starts the service if needed and waits until it is ready. Throws
  // InstanceError.
  InstanceLease acquire(const nlohmann::json& service);
  // Ends a lease; false when unknown (already expired).
  bool release(const std::string& lease_id);
  nlohmann::json describe();
  void stop_all();

 private:
  struct Instance;
  std::shared_ptr<Instance> start(const nlohmann::json& service, const std::string& service_id);
  void reap_loop();
  void stop_instance(const std::shared_ptr<Instance>& instance, const std::string& why);

  const DispatcherConfig& config_;
  const Sandbox& sandbox_;
  JsonLog& log_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, std::shared_ptr<Instance>> instances_;  // by service id
  struct Lease {
    std::string service_id;
    std::shared_ptr<Instance> instance;
    std::chrono::steady_clock::time_point acquired;
  };
  std::map<std::string, Lease> leases_;
  bool stopping_ = false;
  std::thread reaper_;
};

// /<project>-<name> with '_' as '-' (ivcapgen's object-name rule); nullopt
// when the name is not a valid service name.
std::optional<std::string> context_root_for(const std::string& project, const std::string& name);

// A free TCP port on 127.0.0.1 (bind to 0, read, close).
int pick_free_port();

}  // namespace ivcap::runtime
