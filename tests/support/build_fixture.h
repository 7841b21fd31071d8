#pragma once
// Building a shipped or scratch environment in-process, and running the
// shared checkers (../shared) through the project's command runner.
#include <optional>
#include <string>

#include "diag/diagnostic.h"
#include "emit/build.h"
#include "output/tree_committer.h"
#include "spec/model_loader.h"
#include "support/test_env.h"
#include "tools/process_runner.h"
#include "validate/validator.h"

namespace ivcapgen::testing {

struct Built {
  diag::DiagnosticSink sink;
  std::optional<model::Model> model;
  output::OutputTree tree;
};

inline Built build_environment(const std::string& environment) {
  Built b;
  spec::LoadOptions options;
  options.environment = environment;
  b.model = spec::load_model(options, b.sink);
  if (b.model) validate::validate_model(*b.model, b.sink);
  if (b.model && !b.sink.has_errors()) b.tree = emit::build_outputs(*b.model);
  return b;
}

inline void write_tree(const output::OutputTree& tree, const std::filesystem::path& dir) {
  auto r = output::TreeCommitter(dir).commit(tree);
  if (!r.ok) throw std::runtime_error(r.error);
}

// Runs a program (argv) with a timeout; empty optional when it cannot start.
inline tools::CommandResult run_program(
    std::vector<std::string> argv, std::chrono::milliseconds timeout = std::chrono::minutes(5)) {
  tools::ProcessRunner runner;
  tools::Command c;
  c.argv = std::move(argv);
  c.timeout = timeout;
  return runner.run(c);
}

inline bool have_python_checkers() {
  if (!shared_dir()) return false;
  auto r = run_program({"python3", "-c", "import yaml, jsonschema"}, std::chrono::seconds(30));
  return r.ok();
}

}  // namespace ivcapgen::testing
