#include "deploy/local/component_supervisor.h"

#include <sys/stat.h>

#include <thread>

#include "deploy/local/loopback_http.h"
#include "tools/command_runner.h"

namespace ivcapgen::deploy::local {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

bool make_private_dirs(const fs::path& dir, std::string& error) {
  std::error_code ec;
  fs::path created;
  for (const auto& part : dir) {
    created /= part;
    if (fs::exists(created, ec)) continue;
    if (!fs::create_directory(created, ec) || ec) {
      error = "cannot create " + created.string() + ": " + ec.message();
      return false;
    }
    ::chmod(created.c_str(), 0700);
  }
  return true;
}

std::string with_tail(std::string message, const fs::path& log) {
  std::string tail = log_tail(log);
  if (tail.empty()) return message + " (its log " + log.string() + " is empty)";
  return message + "; last lines of " + log.string() + ":\n" + tail;
}

}  // namespace

bool config_changed(const RuntimeComponentSpec& declared, const ComponentRecord& recorded) {
  return declared.config_hash != recorded.config_hash;
}

fs::path ComponentSupervisor::log_path(const RuntimeComponentSpec& spec) const {
  return state_dir_ / "logs" / (spec.name + ".log");
}

std::optional<ComponentRecord> ComponentSupervisor::launch(const RuntimeComponentSpec& spec,
                                                           std::string& error) const {
  auto program = locate_runtime_program(spec.program, search_, error);
  if (!program) return std::nullopt;
  auto health = parse_loopback_url(spec.health);
  if (health && port_accepts_connections(health->host, health->port)) {
    error = spec.name + ": " + health->host + ":" + std::to_string(health->port) +
            " is already in use by another process; stop it, or choose another port with "
            "spec.runtime." +
            spec.name + ".port";
    return std::nullopt;
  }
  std::vector<std::string> dirs = spec.writable_dirs();
  dirs.push_back("logs");
  for (const auto& dir : dirs) {
    if (!make_private_dirs(state_dir_ / dir, error)) return std::nullopt;
  }
  DaemonSpec daemon;
  daemon.executable = *program;
  daemon.argv = spec.argv;
  daemon.argv.front() = program->string();
  daemon.cwd = state_dir_;
  daemon.log_file = log_path(spec);
  daemon.env = spec.env;
  daemon.env["PATH"] = kComponentPath;
  std::string stamp = file_stamp(program->string());
  auto identity = spawn_daemon(daemon, error);
  if (!identity) {
    // A program that exits at once may already have said why in its log.
    error = with_tail(spec.name + ": " + error, log_path(spec));
    return std::nullopt;
  }
  ComponentRecord record;
  record.process = *identity;
  record.port = spec.port;
  record.config_hash = spec.config_hash;
  record.program = program->string();
  record.program_stamp = stamp;
  record.argv = daemon.argv;
  record.started = now_rfc3339();
  record.log = fs::path("logs") / (spec.name + ".log");
  return record;
}

bool ComponentSupervisor::wait_ready(const RuntimeComponentSpec& spec,
                                     const ComponentRecord& record, std::string& error) const {
  auto deadline = Clock::now() + timings_.ready_timeout;
  HealthProbe last;
  for (;;) {
    auto check = check_process(record.process, record.argv);
    if (check.state != ProcessState::Running) {
      error = with_tail(
          spec.name + " (pid " + std::to_string(record.process.pid) + ") exited while starting",
          log_path(spec));
      return false;
    }
    last = probe(spec);
    if (last.healthy) return true;
    if (Clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  error = with_tail(
      spec.name + " (pid " + std::to_string(record.process.pid) + ") did not become ready within " +
          tools::format_duration(timings_.ready_timeout) + ": " + spec.health + " " + last.detail,
      log_path(spec));
  return false;
}

StopOutcome ComponentSupervisor::stop(const ComponentRecord& record, std::string& error) const {
  return stop_daemon(record.process, timings_.stop_grace, error);
}

HealthProbe ComponentSupervisor::probe(const RuntimeComponentSpec& spec) const {
  auto url = parse_loopback_url(spec.health);
  if (!url) return {false, "is not a loopback URL"};
  HttpRequest request;
  request.host = url->host;
  request.port = url->port;
  request.target = url->path;
  request.timeout = timings_.probe_timeout;
  auto outcome = send_request(request);
  if (!outcome.ok()) return {false, "is not answering: " + outcome.error};
  if (outcome.response->status != 200) {
    return {false, "answered " + std::to_string(outcome.response->status)};
  }
  auto body = nlohmann::json::parse(outcome.response->body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || body.value("status", "") != "ok") {
    return {false, "answered 200 without {\"status\":\"ok\"}"};
  }
  std::string component = body.value("component", "");
  if (component != spec.name) {
    return {false, "is answered by '" + component + "', not " + spec.name};
  }
  return {true, ""};
}

ComponentObservation ComponentSupervisor::observe(const RuntimeComponentSpec* declared,
                                                  const ComponentRecord& recorded) const {
  ComponentObservation o;
  auto check = check_process(recorded.process, recorded.argv);
  o.process = check.state;
  o.process_detail = check.detail;
  if (!declared) return o;
  if (o.process == ProcessState::Running) o.health = probe(*declared);
  o.config_changed = config_changed(*declared, recorded);
  std::string error;
  auto program = locate_runtime_program(declared->program, search_, error);
  if (!program) {
    o.program_changed = true;
    o.program_detail = error;
  } else if (program->string() != recorded.program) {
    o.program_changed = true;
    o.program_detail = "now " + program->string() + ", was " + recorded.program;
  } else if (file_stamp(recorded.program) != recorded.program_stamp) {
    o.program_changed = true;
    o.program_detail = recorded.program + " was rebuilt since the process started";
  }
  return o;
}

}  // namespace ivcapgen::deploy::local
