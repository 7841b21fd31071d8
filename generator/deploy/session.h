#pragma once
// What plan, apply, destroy, drift and reconcile all work with, set up in
// the order that keeps the build directory and the state consistent: the
// state lock, the build (written to .ivcapgen/<env>/build, where the tools
// read it), the state. The runner is the real one, or a dry-run one, wrapped
// in a logging one with -v (redacting the gateway token).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "deploy/deploy_commands.h"
#include "deploy/state_lock.h"
#include "output/output_tree.h"
#include "tools/command_log.h"
#include "tools/dry_run_runner.h"

namespace ivcapgen::deploy {

// "ivcapgen: error: <message>" on the error stream.
void print_error(DeployIo& io, const std::string& message);

class Session {
 public:
  Session(const model::Model& model, const DeployRequest& request, DeployIo& io,
          tools::CommandRunner& runner);

  // False (with the message printed) when another run holds the lock.
  bool lock(const std::string& command);
  // Builds the desired output and writes it where the tools read it.
  bool build();
  // With `create`, a state that does not exist yet is written at once
  // (serial 1, unless --dry-run), so that its lineage is fixed: a plan saved
  // now can be applied later. Drift only reads.
  bool load_state(bool create);

  TargetContext context();

  std::filesystem::path build_dir() const { return state_dir_ / "build"; }
  const std::filesystem::path& dir() const { return state_dir_; }
  const std::string& provider() const { return *model_.env().provider; }
  State& state() { return state_; }
  const StateStore& store() const { return store_; }
  Progress& progress() { return progress_; }

 private:
  const model::Model& model_;
  const DeployRequest& request_;
  DeployIo& io_;
  std::filesystem::path state_dir_;
  StateStore store_;
  State state_;
  tools::Redactor redactor_;
  tools::StreamCommandLog log_;
  tools::DryRunRunner dry_run_;
  std::unique_ptr<tools::LoggingRunner> logging_;
  tools::CommandRunner* runner_ = nullptr;
  Progress progress_;
  std::optional<StateLock> lock_;
  output::OutputTree tree_;
};

}  // namespace ivcapgen::deploy
