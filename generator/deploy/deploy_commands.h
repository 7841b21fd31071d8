#pragma once
// `plan`, `apply` and `destroy` of one environment, as library functions the
// CLI calls with a real command runner and tests with a scripted one. Each
// builds the desired output in-process (exactly what `build` writes) into
// .ivcapgen/<env>/build, takes the state lock, loads the state, picks the
// DeployTarget by spec.provider, and turns the outcome into messages and an
// exit code (SPEC 5).
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "deploy/cloud_target.h"
#include "deploy/progress.h"
#include "deploy/target.h"
#include "model/model.h"
#include "tools/command_runner.h"

namespace ivcapgen::deploy {

struct DeployIo {
  DeployIo(std::ostream& out_stream, std::ostream& err_stream) : out(out_stream), err(err_stream) {}
  std::ostream& out;  // the plan (machine-readable formats)
  std::ostream& err;  // progress, the plan shown before apply, messages
  bool color = false;
  bool progress = true;
  bool verbose = false;  // log every command (redacted)
  bool quiet = false;
  // Whether a person can answer a question; read_line reads the answer.
  bool interactive = false;
  std::function<std::optional<std::string>()> read_line;
  Progress::Clock clock = &std::chrono::steady_clock::now;
};

struct DeployRequest {
  std::filesystem::path base_dir = ".";  // .ivcapgen/<env> is below it
  DeployOptions options;
  bool yes = false;                                  // no confirmation question
  bool force_unlock = false;                         // take over a stale lock (with a warning)
  std::optional<std::filesystem::path> plan_file;    // apply --plan FILE
  std::string format = "text";                       // plan: text, markdown, json
  std::optional<std::filesystem::path> output_file;  // plan -o FILE
  CloudTargetOptions cloud;
};

int plan_environment(const model::Model& model, const DeployRequest& request, DeployIo& io,
                     tools::CommandRunner& runner);
int apply_environment(const model::Model& model, const DeployRequest& request, DeployIo& io,
                      tools::CommandRunner& runner);
int destroy_environment(const model::Model& model, const DeployRequest& request, DeployIo& io,
                        tools::CommandRunner& runner);

// Why `saved` may not be applied to the state and build `fresh` was made
// from ("" when it may): a different environment, lineage, serial or build,
// or different actions now that the live system has been looked at again.
std::string stale_plan_reason(const Plan& saved, const Plan& fresh);

}  // namespace ivcapgen::deploy
