#include "dispatcher/instance_pool.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include "common/ivcap_urn.h"
#include "common/quantity.h"
#include "common/rfc3339_time.h"
#include "dispatcher/local_plan.h"
#include "dispatcher/parameter_binding.h"
#include "dispatcher/service_env.h"

namespace ivcap::runtime {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct InstancePool::Instance {
  enum class State { Starting, Ready, Failed };
  State state = State::Starting;
  std::string service_id;
  std::string name;
  std::string controller_text;  // to notice an updated service
  std::optional<ChildProcess> process;
  int port = 0;
  std::string context_root;
  std::optional<std::chrono::milliseconds> idle_timeout;
  int in_flight = 0;
  Clock::time_point last_used = Clock::now();
  std::string started_at;
  InstanceError failure{0, "", ""};
};

std::optional<std::string> context_root_for(const std::string& project, const std::string& name) {
  if (name.empty() || name.size() > 63 || !std::islower(static_cast<unsigned char>(name[0]))) {
    return std::nullopt;
  }
  for (char c : name) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '-')) {
      return std::nullopt;
    }
  }
  std::string root = "/" + project + "-" + name;
  for (char& c : root) {
    if (c == '_') c = '-';
  }
  return root;
}

int pick_free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

InstancePool::InstancePool(const DispatcherConfig& config, const Sandbox& sandbox, JsonLog& log)
    : config_(config), sandbox_(sandbox), log_(log) {
  reaper_ = std::thread([this] { reap_loop(); });
}

InstancePool::~InstancePool() {
  stop_all();
}

std::shared_ptr<InstancePool::Instance> InstancePool::start(const nlohmann::json& service,
                                                            const std::string& service_id) {
  auto inst = std::make_shared<Instance>();
  inst->service_id = service_id;
  const nlohmann::json& controller = service["controller"];
  inst->controller_text = controller.dump();
  inst->name = service.value("name", "");
  auto root = context_root_for(config_.project, inst->name);
  if (!root) {
    throw InstanceError{422, "invalid-service",
                        "service name '" + inst->name + "' is not a valid service name"};
  }
  inst->context_root = *root;
  if (controller.contains("idle-timeout")) {
    if (!controller["idle-timeout"].is_string() ||
        !parse_duration(controller["idle-timeout"].get<std::string>())) {
      throw InstanceError{422, "invalid-service",
                          "controller 'idle-timeout' is not a duration (e.g. 15m)"};
    }
    inst->idle_timeout = *parse_duration(controller["idle-timeout"].get<std::string>());
  } else if (controller.value("scale-to-zero", false)) {
    inst->idle_timeout = std::chrono::minutes(15);
  }
  std::string ready_url = controller.value("ready-url", "/_healtz");
  if (ready_url.empty() || ready_url[0] != '/') ready_url = "/" + ready_url;

  auto params = bind_parameters(service.value("parameters", nlohmann::json()), nlohmann::json());
  if (params.index() == 1) throw InstanceError{422, "invalid-parameters", std::get<1>(params)};
  auto argv = dynamic_service_argv(controller, std::get<0>(params));
  if (argv.index() == 1) throw InstanceError{422, "invalid-service", std::get<1>(argv)};
  auto& args = std::get<0>(argv);
  auto program = resolve_executable(args[0], kServicePath);
  if (!program) {
    throw InstanceError{502, "instance-failed",
                        "command '" + args[0] + "' not found on " + kServicePath};
  }
  args[0] = *program;

  fs::path dir = config_.data_dir / "instances" / service_id.substr(kServiceUrnPrefix.size());
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all);
  inst->port = pick_free_port();
  if (inst->port <= 0) throw InstanceError{502, "instance-failed", "no free port"};

  std::map<std::string, std::string> ivcap = {{"IVCAP_SERVICE_ID", service_id},
                                              {"IVCAP_BASE_URL", config_.gateway_url},
                                              {"IVCAP_INSTANCE_DIR", dir.string()}};
  if (!sandbox_.enabled()) ivcap["IVCAP_PROXY_URL"] = config_.data_proxy_url;
  std::vector<std::pair<std::string, std::string>> declared;
  if (controller.contains("env") && controller["env"].is_array()) {
    for (const auto& e : controller["env"]) {
      if (e.is_object() && e.contains("name") && e["name"].is_string() && e.contains("value") &&
          e["value"].is_string()) {
        std::string n = e["name"].get<std::string>();
        if (n != "PATH" && n.rfind("IVCAP_", 0) != 0) declared.emplace_back(n, e["value"]);
      }
    }
  }
  declared.emplace_back("PORT", std::to_string(inst->port));
  declared.emplace_back("CONTEXT_ROOT", inst->context_root);

  ProcessSpec spec;
  spec.argv = sandbox_.wrap(args, dir, /*share_network=*/true);
  spec.env = service_environment(ivcap, declared);
  spec.cwd = dir;
  spec.output = dir / "instance.log";
  spec.limits = config_.limits;
  spec.limits.cpu_seconds = 0;  // a long-running server legitimately uses CPU over time
  try {
    inst->process.emplace(ChildProcess::spawn(spec));
  } catch (const std::exception& e) {
    throw InstanceError{502, "instance-failed", e.what()};
  }
  log_.info("instance starting",
            {{"service", service_id}, {"pid", inst->process->pid()}, {"port", inst->port}});

  auto deadline = Clock::now() + config_.instance_start_timeout;
  httplib::Client probe("127.0.0.1", inst->port);
  probe.set_connection_timeout(std::chrono::milliseconds(200));
  probe.set_read_timeout(std::chrono::seconds(1));
  while (true) {
    if (auto exit = inst->process->poll()) {
      throw InstanceError{502, "instance-failed",
                          "service process " + exit->describe() + " before it was ready (see " +
                              (dir / "instance.log").string() + ")"};
    }
    auto res = probe.Get(inst->context_root + ready_url);
    if (res && res->status >= 200 && res->status < 300) break;
    if (Clock::now() >= deadline) {
      inst->process->terminate(config_.kill_grace);
      throw InstanceError{504, "instance-not-ready",
                          "service did not answer GET " + inst->context_root + ready_url +
                              " with 2xx within the start timeout"};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  inst->started_at = format_rfc3339(std::chrono::system_clock::now());
  inst->last_used = Clock::now();
  inst->state = Instance::State::Ready;
  log_.info("instance ready", {{"service", service_id}, {"port", inst->port}});
  return inst;
}

InstanceLease InstancePool::acquire(const nlohmann::json& service) {
  if (!service.is_object() || !service.contains("id") || !service["id"].is_string() ||
      !is_service_id(service["id"].get<std::string>()) || !service.contains("controller") ||
      !service["controller"].is_object()) {
    throw InstanceError{400, "bad-request",
                        "'service' must be a service document with id and controller"};
  }
  const std::string service_id = service["id"].get<std::string>();
  std::unique_lock lock(mutex_);
  for (;;) {
    if (stopping_) throw InstanceError{503, "unavailable", "dispatcher is shutting down"};
    auto it = instances_.find(service_id);
    if (it == instances_.end()) {
      auto placeholder = std::make_shared<Instance>();
      instances_[service_id] = placeholder;
      lock.unlock();
      std::shared_ptr<Instance> started;
      InstanceError failure{0, "", ""};
      try {
        started = start(service, service_id);
      } catch (const InstanceError& e) {
        failure = e;
      } catch (const std::exception& e) {
        failure = InstanceError{502, "instance-failed", e.what()};
      }
      lock.lock();
      if (!started) {
        placeholder->state = Instance::State::Failed;
        placeholder->failure = failure;
        instances_.erase(service_id);
        changed_.notify_all();
        throw failure;
      }
      instances_[service_id] = started;
      changed_.notify_all();
      if (stopping_) {
        lock.unlock();
        started->process->terminate(config_.kill_grace);
        throw InstanceError{503, "unavailable", "dispatcher is shutting down"};
      }
      continue;
    }
    auto inst = it->second;
    if (inst->state == Instance::State::Starting) {
      changed_.wait(lock);
      if (inst->state == Instance::State::Failed) throw inst->failure;
      continue;
    }
    // A dead process or a changed service definition (with nothing in
    // flight) means: start afresh.
    bool dead = inst->process->poll().has_value();
    bool changed = inst->controller_text != service["controller"].dump() && inst->in_flight == 0;
    if (dead || changed) {
      instances_.erase(it);
      lock.unlock();
      stop_instance(inst, dead ? "process exited" : "service definition changed");
      lock.lock();
      continue;
    }
    ++inst->in_flight;
    inst->last_used = Clock::now();
    InstanceLease lease{new_uuid_v4(), "http://127.0.0.1:" + std::to_string(inst->port),
                        inst->context_root, inst->port};
    leases_[lease.id] = Lease{service_id, inst, Clock::now()};
    return lease;
  }
}

bool InstancePool::release(const std::string& lease_id) {
  std::lock_guard lock(mutex_);
  auto it = leases_.find(lease_id);
  if (it == leases_.end()) return false;
  auto& inst = it->second.instance;
  if (inst->in_flight > 0) --inst->in_flight;
  inst->last_used = Clock::now();
  leases_.erase(it);
  return true;
}

nlohmann::json InstancePool::describe() {
  std::lock_guard lock(mutex_);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& [id, inst] : instances_) {
    if (inst->state != Instance::State::Ready) {
      items.push_back({{"service", id}, {"state", "starting"}});
      continue;
    }
    nlohmann::json item = {{"service", id},
                           {"state", "ready"},
                           {"pid", inst->process->pid()},
                           {"port", inst->port},
                           {"context-root", inst->context_root},
                           {"in-flight", inst->in_flight},
                           {"started-at", inst->started_at}};
    item["idle-timeout-seconds"] = inst->idle_timeout
                                       ? nlohmann::json(inst->idle_timeout->count() / 1000.0)
                                       : nlohmann::json();
    items.push_back(item);
  }
  return {{"items", items}};
}

void InstancePool::stop_instance(const std::shared_ptr<Instance>& instance,
                                 const std::string& why) {
  if (!instance->process) return;
  instance->process->terminate(config_.kill_grace);
  log_.info("instance stopped", {{"service", instance->service_id}, {"reason", why}});
}

void InstancePool::reap_loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    changed_.wait_for(lock, std::chrono::milliseconds(50));
    if (stopping_) break;
    auto now = Clock::now();
    for (auto it = leases_.begin(); it != leases_.end();) {
      if (now - it->second.acquired > config_.lease_timeout) {
        if (it->second.instance->in_flight > 0) --it->second.instance->in_flight;
        it = leases_.erase(it);
      } else {
        ++it;
      }
    }
    std::vector<std::pair<std::shared_ptr<Instance>, std::string>> to_stop;
    for (auto it = instances_.begin(); it != instances_.end();) {
      auto inst = it->second;
      if (inst->state != Instance::State::Ready) {
        ++it;
        continue;
      }
      if (inst->process->poll()) {
        to_stop.emplace_back(inst, "process exited");
      } else if (inst->idle_timeout && inst->in_flight == 0 &&
                 now - inst->last_used >= *inst->idle_timeout) {
        to_stop.emplace_back(inst, "idle");
      } else {
        ++it;
        continue;
      }
      it = instances_.erase(it);
    }
    if (!to_stop.empty()) {
      lock.unlock();
      for (auto& [inst, why] : to_stop) stop_instance(inst, why);
      lock.lock();
    }
  }
}

void InstancePool::stop_all() {
  std::map<std::string, std::shared_ptr<Instance>> running;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !reaper_.joinable()) return;
    stopping_ = true;
    changed_.notify_all();
  }
  if (reaper_.joinable()) reaper_.join();
  {
    std::lock_guard lock(mutex_);
    running.swap(instances_);
    leases_.clear();
  }
  for (auto& [id, inst] : running) {
    if (inst->state == Instance::State::Ready) stop_instance(inst, "dispatcher stopping");
  }
}

}  // namespace ivcap::runtime
