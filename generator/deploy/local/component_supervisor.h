#pragma once
// Starting, checking and stopping one local runtime component: the piece of
// the local provider that deals with processes. The caller (LocalPlatform)
// decides what to do and keeps the state; this class does it and observes.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "deploy/local/component_record.h"
#include "deploy/local/daemon.h"
#include "deploy/local/runtime_locator.h"
#include "deploy/local/runtime_manifest.h"

namespace ivcapgen::deploy::local {

// The environment every component gets: a fixed PATH plus the component's own
// `env` from runtime.json. Nothing of ivcapgen's environment is passed on.
inline constexpr const char* kComponentPath = "/usr/local/bin:/usr/bin:/bin";

struct SupervisorTimings {
  std::chrono::milliseconds ready_timeout{20000};  // start → /healthz answers
  std::chrono::milliseconds stop_grace{5000};      // SIGTERM → SIGKILL
  std::chrono::milliseconds probe_timeout{2000};   // one /healthz request
};

struct HealthProbe {
  bool healthy = false;
  std::string detail;  // why not: "connection refused", "answered 503", "is the gateway"
};

// What is true of a component now, compared with what the state recorded.
struct ComponentObservation {
  ProcessState process = ProcessState::Gone;
  std::string process_detail;
  HealthProbe health;            // probed only when the process runs
  bool config_changed = false;   // recorded configHash != declared
  bool program_changed = false;  // another program file, or the same one rebuilt
  std::string program_detail;
};

class ComponentSupervisor {
 public:
  ComponentSupervisor(std::filesystem::path state_dir, RuntimeSearch search,
                      SupervisorTimings timings = {})
      : state_dir_(std::move(state_dir)), search_(std::move(search)), timings_(timings) {}

  // Starts the component as a daemon (does not wait for readiness): the
  // record to save right away, or nullopt with `error`.
  std::optional<ComponentRecord> launch(const RuntimeComponentSpec& spec, std::string& error) const;
  // Waits until /healthz answers; on failure the error names the component,
  // says what happened and quotes the tail of its log. The caller stops it.
  bool wait_ready(const RuntimeComponentSpec& spec, const ComponentRecord& record,
                  std::string& error) const;
  StopOutcome stop(const ComponentRecord& record, std::string& error) const;

  HealthProbe probe(const RuntimeComponentSpec& spec) const;
  ComponentObservation observe(const RuntimeComponentSpec* declared,
                               const ComponentRecord& recorded) const;

  const SupervisorTimings& timings() const { return timings_; }
  const std::filesystem::path& state_dir() const { return state_dir_; }

 private:
  std::filesystem::path log_path(const RuntimeComponentSpec& spec) const;
  std::filesystem::path state_dir_;
  RuntimeSearch search_;
  SupervisorTimings timings_;
};

// The judgement, separate from the observation so it can be tested alone:
// the declared config hash against the recorded one.
bool config_changed(const RuntimeComponentSpec& declared, const ComponentRecord& recorded);

}  // namespace ivcapgen::deploy::local
