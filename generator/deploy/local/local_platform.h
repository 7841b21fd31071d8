#pragma once
// The local provider (SPEC 4, `provider: local`): the reference runtime run
// as daemons on loopback, the catalog registered with its gateway, pids and
// hashes recorded in the state. The verbs, over a state the caller loaded
// (and, for apply and destroy, locked):
//
//   check    observe and compare, change nothing: every component and
//            service in sync or drifted (dead, unhealthy, changed, missing,
//            unexpected). Plan and drift are views of it.
//   apply    converge on the declaration: start what is not running,
//            restart what is dead, unhealthy or changed (config hash,
//            program), leave healthy unchanged components alone (same pid),
//            stop components no longer declared; register missing or changed
//            services and report the others "unchanged". Given a set of keys
//            (a reconcile), it touches those only.
//   destroy  stop every recorded component (SIGTERM, SIGKILL after a grace),
//            check that no process and no port is left; with purge, also
//            delete data, logs and the token.
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "deploy/local/component_supervisor.h"
#include "deploy/local/drift_report.h"
#include "deploy/local/local_declaration.h"
#include "deploy/progress.h"
#include "deploy/state.h"

namespace ivcapgen::deploy::local {

struct LocalOptions {
  std::filesystem::path state_dir;  // .ivcapgen/<env>
  RuntimeSearch search;
  SupervisorTimings timings;
  Progress* progress = nullptr;  // wave and step lines (stderr); none when null
  bool dry_run = false;          // apply: say what would happen, do nothing
};

// One thing done (or, in a dry run, that would be done).
struct LocalAction {
  std::string key;     // "local/gateway", "service/urn:ivcap:service:…"
  std::string kind;    // "component" | "service"
  std::string name;    // "gateway", "text-stats"
  std::string action;  // started | restarted | unchanged | stopped | killed | not running |
                       // registered | updated | forgotten | failed | would …
  std::string detail;
};

struct LocalResult {
  bool ok = true;
  int failed_wave = 0;  // when !ok: 4 (runtime) or 6 (registration)
  std::vector<LocalAction> actions;
  std::vector<std::string> errors;  // each names the component or service; may hold a log tail
  std::vector<std::string> notes;
  std::vector<int> completed_waves;

  size_t count(const std::string& action) const;
};

class LocalPlatform {
 public:
  explicit LocalPlatform(LocalOptions options);

  DriftReport check(const LocalDeclaration& declared, const State& state) const;
  // `only` restricts the run to these inventory keys (nullopt: everything).
  LocalResult apply(const LocalDeclaration& declared, State& state, const StateStore& store,
                    const std::optional<std::set<std::string>>& only = std::nullopt) const;
  // `declared` (optional) adds its ports to the check that nothing listens any more.
  LocalResult destroy(const LocalDeclaration* declared, State& state, const StateStore& store,
                      bool purge) const;

  const LocalOptions& options() const { return options_; }

 private:
  struct Run;  // one apply or destroy in progress: state, result, progress
  bool ensure_component(Run& run, const RuntimeComponentSpec& spec) const;
  void stop_unexpected_components(Run& run, const LocalDeclaration& declared) const;
  void ensure_services(Run& run, const LocalDeclaration& declared) const;
  void check_components(const LocalDeclaration& declared, const State& state,
                        DriftReport& report) const;
  void check_services(const LocalDeclaration& declared, const State& state,
                      DriftReport& report) const;
  bool prepare_state_dir(Run& run) const;
  std::optional<std::string> token(std::string& error, bool create) const;

  LocalOptions options_;
  ComponentSupervisor supervisor_;
};

}  // namespace ivcapgen::deploy::local
