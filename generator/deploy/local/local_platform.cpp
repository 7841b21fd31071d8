#include "deploy/local/local_platform.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "deploy/local/token_file.h"
#include "emit/waves.h"

namespace ivcapgen::deploy::local {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string short_hash(const std::string& h) {
  return h.substr(0, 12);
}

std::string first_line(const std::string& s) {
  return s.substr(0, s.find('\n'));
}

std::string component_key(const std::string& name) {
  return kComponentKeyPrefix + name;
}
std::string service_key(const std::string& id) {
  return kServiceKeyPrefix + id;
}
std::string component_name(const std::string& key) {
  return key.substr(std::string(kComponentKeyPrefix).size());
}

bool starts_with(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

std::string seconds_since(Clock::time_point start) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s",
                std::chrono::duration<double>(Clock::now() - start).count());
  return buf;
}

}  // namespace

size_t LocalResult::count(const std::string& action) const {
  return static_cast<size_t>(std::count_if(
      actions.begin(), actions.end(), [&](const LocalAction& a) { return a.action == action; }));
}

// One apply or destroy: the state being changed, what was done, and the
// progress lines printed as it goes.
struct LocalPlatform::Run {
  const StateStore& store;
  State& state;
  Progress* progress;
  bool dry_run;
  std::optional<std::set<std::string>> only;
  LocalResult result;
  int wave = 0;
  bool track_apply = false;

  bool selected(const std::string& key) const { return !only || only->count(key) > 0; }

  void start_wave(int number, const char* name) {
    wave = number;
    if (progress) progress->wave_started(number, name);
  }
  void end_wave() {
    if (progress) progress->wave_finished(result.ok);
    if (result.ok) result.completed_waves.push_back(wave);
    if (track_apply && !dry_run) {
      state.last_apply["waves"][std::to_string(wave)] = result.ok ? "done" : "failed";
    }
  }

  // lastApply in the form the cloud target keeps: {result, waves, failedWave}.
  void begin_apply() {
    track_apply = true;
    if (dry_run) return;
    state.last_apply = {{"result", "running"}, {"waves", Json::object()}};
    save();
  }
  void finish_apply() {
    if (dry_run) return;
    state.last_apply["result"] = result.ok ? "succeeded" : "failed";
    if (result.ok) {
      state.last_apply.erase("failedWave");
    } else {
      state.last_apply["failedWave"] = result.failed_wave;
    }
    save();
  }

  void act(const std::string& key, const std::string& kind, const std::string& name,
           const std::string& action, const std::string& detail) {
    result.actions.push_back({key, kind, name, action, detail});
    if (progress) {
      progress->step(kind + " " + name + ": " + action +
                     (detail.empty() ? "" : " (" + first_line(detail) + ")"));
    }
  }

  void fail(const std::string& key, const std::string& kind, const std::string& name,
            const std::string& message) {
    if (result.ok) result.failed_wave = wave;
    result.ok = false;
    result.errors.push_back(message);
    act(key, kind, name, "failed", message);
  }

  void note(const std::string& text) {
    result.notes.push_back(text);
    if (progress) progress->step("note: " + text);
  }

  bool save() {
    if (dry_run) return true;
    std::string error;
    if (store.save(state, error)) return true;
    if (result.ok) result.failed_wave = wave;
    result.ok = false;
    result.errors.push_back("cannot save the state: " + error);
    return false;
  }
};

LocalPlatform::LocalPlatform(LocalOptions options)
    : options_(std::move(options)),
      supervisor_(options_.state_dir, options_.search, options_.timings) {}

std::optional<std::string> LocalPlatform::token(std::string& error, bool create) const {
  fs::path file = options_.state_dir / "token";
  if (!create) return read_token_file(file, error);
  bool created = false;
  auto t = ensure_token_file(file, created, error);
  if (t && created && options_.progress) {
    options_.progress->note("created the bearer token " + file.string() + " (mode 0600)");
  }
  return t;
}

bool LocalPlatform::prepare_state_dir(Run& run) const {
  if (run.dry_run) return true;
  for (const fs::path& dir :
       {options_.state_dir, options_.state_dir / "logs", options_.state_dir / "data"}) {
    std::error_code ec;
    if (fs::exists(dir, ec)) continue;
    fs::create_directories(dir, ec);
    if (ec) {
      run.result.ok = false;
      run.result.errors.push_back("cannot create " + dir.string() + ": " + ec.message());
      return false;
    }
    ::chmod(dir.c_str(), 0700);
  }
  std::string error;
  if (!token(error, true)) {
    run.result.ok = false;
    run.result.errors.push_back(error);
    return false;
  }
  return true;
}

// ---------------------------------------------------------------- check

DriftReport LocalPlatform::check(const LocalDeclaration& declared, const State& state) const {
  DriftReport report;
  report.environment = declared.environment;
  check_components(declared, state, report);
  check_services(declared, state, report);
  return report;
}

void LocalPlatform::check_components(const LocalDeclaration& declared, const State& state,
                                     DriftReport& report) const {
  for (const auto& spec : declared.runtime.components) {
    DriftItem item{component_key(spec.name), "component", spec.name, {}, "", "", "", false};
    auto it = state.inventory.find(item.key);
    auto recorded =
        it == state.inventory.end() ? std::nullopt : ComponentRecord::from_entry(it->second);
    if (!recorded) {
      item.problems.push_back("missing");
      item.detail = it == state.inventory.end() ? "not started (no pid in the state)"
                                                : "its state record is unreadable";
      report.items.push_back(std::move(item));
      continue;
    }
    auto o = supervisor_.observe(&spec, *recorded);
    if (o.process != ProcessState::Running) {
      item.problems.push_back("dead");
      item.detail = o.process_detail + " (started " + recorded->started + ")";
      report.items.push_back(std::move(item));
      continue;
    }
    std::vector<std::string> details;
    if (!o.health.healthy) {
      item.problems.push_back("unhealthy");
      details.push_back(spec.health + " " + o.health.detail);
    }
    if (o.config_changed) {
      item.problems.push_back("config-changed");
      item.recorded_hash = recorded->config_hash;
      item.declared_hash = spec.config_hash;
      details.push_back("running with configHash " + short_hash(recorded->config_hash) +
                        ", declared " + short_hash(spec.config_hash));
    }
    if (o.program_changed) {
      item.problems.push_back("program-changed");
      details.push_back(o.program_detail);
    }
    item.restart = !item.problems.empty();
    for (const auto& d : details) item.detail += (item.detail.empty() ? "" : "; ") + d;
    if (item.detail.empty()) {
      item.detail = "pid " + std::to_string(recorded->process.pid) +
                    " on 127.0.0.1:" + std::to_string(spec.port);
    }
    report.items.push_back(std::move(item));
  }
  for (const auto& [key, entry] : state.inventory) {
    if (!starts_with(key, kComponentKeyPrefix) || declared.runtime.find(component_name(key))) {
      continue;
    }
    DriftItem item{key,
                   "component",
                   component_name(key),
                   {"unexpected"},
                   "recorded in the state but no longer declared",
                   "",
                   "",
                   false};
    if (auto recorded = ComponentRecord::from_entry(entry)) {
      auto o = supervisor_.observe(nullptr, *recorded);
      item.detail += o.process == ProcessState::Running
                         ? " (pid " + std::to_string(recorded->process.pid) + " still running)"
                         : " (" + o.process_detail + ")";
    }
    report.items.push_back(std::move(item));
  }
}

void LocalPlatform::check_services(const LocalDeclaration& declared, const State& state,
                                   DriftReport& report) const {
  // The gateway is asked only once something was applied: before the first
  // apply there is no token and no gateway, and nothing to say about them.
  bool applied = std::any_of(state.inventory.begin(), state.inventory.end(), [](const auto& e) {
    return starts_with(e.first, kServiceKeyPrefix) || starts_with(e.first, kComponentKeyPrefix);
  });
  std::string error;
  std::optional<std::string> bearer;
  if (!declared.services.empty() && applied) {
    bearer = token(error, false);
    if (!bearer) report.notes.push_back("services not checked: " + error);
  }
  std::optional<ServiceRegistrar> registrar;
  if (bearer) registrar.emplace(declared.runtime.gateway, *bearer);
  bool reachable = true;
  for (const auto& doc : declared.services) {
    DriftItem item{service_key(doc.id), "service", doc.name, {}, doc.id, "", doc.hash, false};
    auto it = state.inventory.find(item.key);
    auto recorded =
        it == state.inventory.end() ? std::nullopt : ServiceRecord::from_entry(it->second);
    if (recorded) item.recorded_hash = recorded->document_hash;
    if (!recorded) {
      item.problems.push_back("unregistered");
      item.detail = "not registered by this state";
    } else if (recorded->document_hash != doc.hash) {
      item.problems.push_back("changed");
      item.detail = doc.file + " changed since it was registered";
    }
    if (registrar && reachable) {
      auto lookup = registrar->get(doc.id);
      if (lookup.state == LookupState::Unreachable) {
        reachable = false;
        report.notes.push_back("services not checked in the gateway: " + lookup.error + " (" +
                               declared.runtime.gateway + ")");
      } else if (lookup.state == LookupState::NotRegistered) {
        item.problems = {"unregistered"};
        item.detail = "GET /1/services/" + doc.id + " answered 404";
      } else if (recorded && item.in_sync() && lookup.stored_hash != recorded->stored_hash) {
        item.problems.push_back("modified");
        item.detail = "the gateway's document differs from the one registered";
      }
    }
    report.items.push_back(std::move(item));
  }
  std::set<std::string> declared_keys;
  for (const auto& doc : declared.services) declared_keys.insert(service_key(doc.id));
  for (const auto& [key, entry] : state.inventory) {
    if (!starts_with(key, kServiceKeyPrefix) || declared_keys.count(key)) continue;
    auto recorded = ServiceRecord::from_entry(entry);
    report.items.push_back({key,
                            "service",
                            recorded ? recorded->name : key,
                            {"unexpected"},
                            "registered by an earlier apply but no longer declared",
                            "",
                            "",
                            false});
  }
}

// ---------------------------------------------------------------- apply

bool LocalPlatform::ensure_component(Run& run, const RuntimeComponentSpec& spec) const {
  const std::string key = component_key(spec.name);
  std::optional<ComponentRecord> recorded;
  if (auto it = run.state.inventory.find(key); it != run.state.inventory.end()) {
    recorded = ComponentRecord::from_entry(it->second);
  }
  std::string reason;
  bool running = false;
  if (recorded) {
    auto o = supervisor_.observe(&spec, *recorded);
    running = o.process == ProcessState::Running;
    if (!running) {
      reason = o.process_detail;
    } else if (o.config_changed) {
      reason = "config changed (" + short_hash(recorded->config_hash) + " -> " +
               short_hash(spec.config_hash) + ")";
    } else if (o.program_changed) {
      reason = "program changed: " + o.program_detail;
    } else if (!o.health.healthy) {
      reason = "unhealthy: " + spec.health + " " + o.health.detail;
    } else {
      run.act(key, "component", spec.name, "unchanged",
              "pid " + std::to_string(recorded->process.pid) +
                  " on 127.0.0.1:" + std::to_string(spec.port));
      return true;
    }
  }
  const bool restart = recorded.has_value();
  if (run.dry_run) {
    run.act(key, "component", spec.name, restart ? "would restart" : "would start", reason);
    return true;
  }
  // Find the program before stopping anything: a missing binary must not
  // take a working component down.
  std::string error;
  if (!locate_runtime_program(spec.program, options_.search, error)) {
    run.fail(key, "component", spec.name, spec.name + ": " + error);
    return false;
  }
  if (recorded && running) {
    if (supervisor_.stop(*recorded, error) == StopOutcome::Failed) {
      run.fail(key, "component", spec.name, spec.name + ": cannot stop it: " + error);
      return false;
    }
  }
  run.state.inventory.erase(key);
  auto start = Clock::now();
  auto record = supervisor_.launch(spec, error);
  if (!record) {
    run.save();
    run.fail(key, "component", spec.name, error);
    return false;
  }
  // Saved before waiting, so that if ivcapgen dies now the pid is known.
  run.state.inventory[key] = record->to_entry();
  if (!run.save()) return false;
  if (!supervisor_.wait_ready(spec, *record, error)) {
    std::string ignored;
    supervisor_.stop(*record, ignored);
    run.state.inventory.erase(key);
    run.save();
    run.fail(key, "component", spec.name, error);
    return false;
  }
  std::string detail = "pid " + std::to_string(record->process.pid) +
                       " on 127.0.0.1:" + std::to_string(spec.port) + ", ready in " +
                       seconds_since(start);
  run.act(key, "component", spec.name, restart ? "restarted" : "started",
          reason.empty() ? detail : detail + "; " + reason);
  return true;
}

void LocalPlatform::stop_unexpected_components(Run& run, const LocalDeclaration& declared) const {
  std::vector<std::string> keys;
  for (const auto& [key, _] : run.state.inventory) {
    if (starts_with(key, kComponentKeyPrefix) && !declared.runtime.find(component_name(key)) &&
        run.selected(key)) {
      keys.push_back(key);
    }
  }
  for (const auto& key : keys) {
    std::string name = component_name(key);
    if (run.dry_run) {
      run.act(key, "component", name, "would stop", "no longer declared");
      continue;
    }
    if (auto record = ComponentRecord::from_entry(run.state.inventory.at(key))) {
      std::string error;
      auto outcome = supervisor_.stop(*record, error);
      if (outcome == StopOutcome::Failed) {
        run.fail(key, "component", name, name + ": cannot stop it: " + error);
        continue;
      }
      run.act(key, "component", name, to_string(outcome), "no longer declared");
    }
    run.state.inventory.erase(key);
    run.save();
  }
}

void LocalPlatform::ensure_services(Run& run, const LocalDeclaration& declared) const {
  std::string error;
  std::optional<std::string> bearer;
  if (!declared.services.empty()) {
    bearer = token(error, false);
    if (!bearer && !run.dry_run) {
      run.fail("token", "token", "file", error);
      return;
    }
  }
  std::optional<ServiceRegistrar> registrar;
  if (bearer) registrar.emplace(declared.runtime.gateway, *bearer);
  std::set<std::string> declared_keys;
  for (const auto& doc : declared.services) {
    const std::string key = service_key(doc.id);
    declared_keys.insert(key);
    if (!run.selected(key)) continue;
    if (!registrar) {  // a dry run before the first apply: nothing is registered yet
      run.act(key, "service", doc.name, "would register", doc.id);
      continue;
    }
    std::optional<ServiceRecord> recorded;
    if (auto it = run.state.inventory.find(key); it != run.state.inventory.end()) {
      recorded = ServiceRecord::from_entry(it->second);
    }
    std::string reason;
    if (recorded && recorded->document_hash == doc.hash) {
      auto lookup = registrar->get(doc.id);
      if (lookup.state == LookupState::Registered && lookup.stored_hash == recorded->stored_hash) {
        run.act(key, "service", doc.name, "unchanged", doc.id);
        continue;
      }
      reason = lookup.state == LookupState::NotRegistered ? "it was not registered in the gateway"
               : lookup.state == LookupState::Registered  ? "it was modified in the gateway"
                                                          : lookup.error;
    } else if (recorded) {
      reason = doc.file + " changed";
    }
    if (run.dry_run) {
      run.act(key, "service", doc.name, recorded ? "would update" : "would register",
              reason.empty() ? doc.id : reason);
      continue;
    }
    auto registration = registrar->put(doc);
    if (!registration.ok) {
      run.fail(key, "service", doc.name,
               "service " + doc.name + " (" + doc.file +
                   "): registration failed: " + registration.error);
      continue;
    }
    run.state.inventory[key] =
        ServiceRecord{doc.name, doc.hash, registration.stored_hash, now_rfc3339()}.to_entry();
    run.act(key, "service", doc.name, registration.created ? "registered" : "updated",
            reason.empty() ? doc.id : doc.id + "; " + reason);
  }
  std::vector<std::string> forgotten;
  for (const auto& [key, entry] : run.state.inventory) {
    if (starts_with(key, kServiceKeyPrefix) && !declared_keys.count(key) && run.selected(key)) {
      forgotten.push_back(key);
    }
  }
  for (const auto& key : forgotten) {
    auto record = ServiceRecord::from_entry(run.state.inventory.at(key));
    run.act(key, "service", record ? record->name : key, run.dry_run ? "would forget" : "forgotten",
            "no longer declared; the gateway has no API to remove a service, so it stays "
            "listed until 'ivcapgen destroy --purge'");
    if (!run.dry_run) run.state.inventory.erase(key);
  }
  run.save();
}

LocalResult LocalPlatform::apply(const LocalDeclaration& declared, State& state,
                                 const StateStore& store,
                                 const std::optional<std::set<std::string>>& only) const {
  Run run{store, state, options_.progress, options_.dry_run, only, {}, 0, false};
  run.start_wave(emit::kWaveRuntime, "runtime");
  if (!prepare_state_dir(run)) {
    run.result.failed_wave = emit::kWaveRuntime;
    run.end_wave();
    return run.result;
  }
  run.begin_apply();
  // Stop what is no longer declared first: it may hold a port a new one needs.
  stop_unexpected_components(run, declared);
  for (const auto& spec : declared.runtime.components) {
    if (!run.selected(component_key(spec.name))) continue;
    if (!ensure_component(run, spec)) break;
  }
  run.end_wave();
  if (run.result.ok) {
    run.start_wave(emit::kWaveRegistration, "registration");
    ensure_services(run, declared);
    run.end_wave();
  } else {
    run.note(
        "later components and the service registration were skipped; fix the problem and "
        "run the command again (what is running stays running)");
  }
  run.finish_apply();
  return run.result;
}

// ---------------------------------------------------------------- destroy

LocalResult LocalPlatform::destroy(const LocalDeclaration* declared, State& state,
                                   const StateStore& store, bool purge) const {
  Run run{store, state, options_.progress, options_.dry_run, std::nullopt, {}, 0, false};
  run.start_wave(emit::kWaveRuntime, "runtime");
  // Reverse start order: the gateway stops taking orders before what it calls goes.
  std::vector<std::string> order;
  if (declared) {
    for (auto it = declared->runtime.components.rbegin(); it != declared->runtime.components.rend();
         ++it) {
      order.push_back(component_key(it->name));
    }
  }
  for (const auto& [key, _] : state.inventory) {
    if (starts_with(key, kComponentKeyPrefix) &&
        std::find(order.begin(), order.end(), key) == order.end()) {
      order.insert(order.begin(), key);
    }
  }
  std::vector<std::pair<std::string, int>> ports;  // {component, port} that must be closed
  if (declared) {
    for (const auto& c : declared->runtime.components) ports.emplace_back(c.name, c.port);
  }
  for (const auto& key : order) {
    auto it = state.inventory.find(key);
    if (it == state.inventory.end()) continue;
    std::string name = component_name(key);
    auto record = ComponentRecord::from_entry(it->second);
    if (!record) {
      run.note(key + ": unreadable state record dropped");
    } else if (run.dry_run) {
      run.act(key, "component", name, "would stop", "pid " + std::to_string(record->process.pid));
      continue;
    } else {
      ports.emplace_back(name, record->port);
      std::string error;
      auto outcome = supervisor_.stop(*record, error);
      if (outcome == StopOutcome::Failed) {
        run.fail(key, "component", name, name + ": " + error);
        continue;
      }
      std::string detail = "pid " + std::to_string(record->process.pid);
      if (outcome == StopOutcome::NotRunning) {
        auto check = check_process(record->process, record->argv);
        detail = check.state == ProcessState::Reused ? check.detail + "; left alone"
                                                     : "pid " + std::to_string(record->process.pid);
      }
      run.act(key, "component", name, to_string(outcome), detail);
    }
    state.inventory.erase(key);
    run.save();
  }
  // Nothing may still listen on a runtime port: one that answers means a
  // process the state does not know about holds it.
  std::set<int> checked;
  for (const auto& [name, port] : ports) {
    if (run.dry_run || !checked.insert(port).second) continue;
    auto deadline = Clock::now() + std::chrono::seconds(3);
    while (port_accepts_connections("127.0.0.1", port) && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (port_accepts_connections("127.0.0.1", port)) {
      run.fail(component_key(name), "component", name,
               name + ": 127.0.0.1:" + std::to_string(port) +
                   " still accepts connections, from a process this state did not start");
    }
  }
  run.end_wave();
  if (purge && !run.dry_run && run.result.ok) {
    for (auto it = state.inventory.begin(); it != state.inventory.end();) {
      it = starts_with(it->first, kServiceKeyPrefix) ? state.inventory.erase(it) : std::next(it);
    }
    for (const char* what : {"data", "logs", "token"}) {
      std::error_code ec;
      fs::path path = options_.state_dir / what;
      if (!fs::exists(path, ec)) continue;
      fs::remove_all(path, ec);
      if (ec) {
        run.result.ok = false;
        run.result.errors.push_back("cannot delete " + path.string() + ": " + ec.message());
      } else if (options_.progress) {
        options_.progress->note("deleted " + path.string());
      }
    }
    run.save();
  }
  return run.result;
}

}  // namespace ivcapgen::deploy::local
