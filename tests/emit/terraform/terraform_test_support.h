#pragma once
// Helpers for the Terraform root-module tests: emitting one environment's
// terraform/ tree, writing it to disk, running a hermetic `terraform`
// (argv only, through tools::ProcessRunner, with timeouts) and the loopback
// fake of the AWS secret APIs an offline plan reads
// (tests/modules/fake_aws_endpoint.py).
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "diag/diagnostic.h"
#include "emit/emitters.h"
#include "output/output_tree.h"
#include "spec/model_loader.h"
#include "support/test_env.h"
#include "support/yaml_fixture.h"
#include "tools/process_runner.h"
#include "validate/validator.h"

namespace ivcapgen::testing {

// The terraform/ files emit_terraform adds for ENV (a name or a path), after
// loading and validating it; fails the test on any error diagnostic.
struct EmittedRoot {
  model::Model model;
  output::OutputTree tree;
};

inline EmittedRoot emit_root(const std::string& environment) {
  diag::DiagnosticSink sink;
  spec::LoadOptions options;
  options.environment = environment;
  auto m = spec::load_model(options, sink);
  if (m) validate::validate_model(*m, sink);
  if (!m || sink.has_errors()) {
    throw std::runtime_error(environment + " does not load:\n" + describe_all(sink));
  }
  EmittedRoot root{std::move(*m), {}};
  emit::emit_terraform(root.model, root.tree);
  return root;
}

// The content of terraform/<name>, or "" when it was not emitted.
inline std::string root_file(const output::OutputTree& tree, const std::string& name) {
  const auto* f = tree.find("terraform/" + name);
  return f ? f->content : std::string();
}

// Writes terraform/** of the tree below `dir` (as terraform/… there).
inline void write_root(const output::OutputTree& tree, const std::filesystem::path& dir) {
  for (const auto& [path, file] : tree.files()) {
    if (path.starts_with("terraform/")) write_file(dir / path, file.content);
  }
}

// `terraform` from PATH, run hermetically: no user CLI configuration, plugin
// cache or stray TF_* settings, never interactive, no checkpoint calls.
class TerraformTool {
 public:
  static std::optional<TerraformTool> find() {
    auto program = tools::find_program("terraform", tools::current_path_variable());
    if (!program) return std::nullopt;
    return TerraformTool(*program);
  }

  tools::CommandResult run(std::vector<std::string> args, const std::filesystem::path& cwd,
                           std::chrono::milliseconds timeout = std::chrono::minutes(5)) const {
    tools::Command c;
    c.argv = {program_.string()};
    c.argv.insert(c.argv.end(), args.begin(), args.end());
    c.cwd = cwd;
    c.timeout = timeout;
    c.env = {{"TF_CLI_CONFIG_FILE", "/dev/null"},
             {"TF_IN_AUTOMATION", "1"},
             {"TF_INPUT", "0"},
             {"CHECKPOINT_DISABLE", "1"}};
    for (char** e = environ; e && *e; ++e) {
      std::string_view entry(*e);
      std::string name(entry.substr(0, entry.find('=')));
      if (name.starts_with("TF_") && !c.env.count(name)) c.unset_env.push_back(name);
    }
    return tools::ProcessRunner().run(c);
  }

 private:
  explicit TerraformTool(std::filesystem::path program) : program_(std::move(program)) {}
  std::filesystem::path program_;
};

// tests/modules/fake_aws_endpoint.py on a loopback port, for as long as this
// object lives. It serves `secret` to Secrets Manager / SSM reads and logs
// each request (one JSON line) to log().
class FakeAwsEndpoint {
 public:
  FakeAwsEndpoint(const std::filesystem::path& work, std::string secret)
      : port_file_(work / "fake.port"), log_(work / "fake.log") {
    write_file(log_, "");
    tools::Command c;
    c.argv = {"python3",     (source_dir() / "tests/modules/fake_aws_endpoint.py").string(),
              "--secret",    std::move(secret),
              "--port-file", port_file_.string(),
              "--log",       log_.string()};
    c.timeout = std::chrono::minutes(10);
    c.stop = stop_.get_token();
    c.secrets = {c.argv[3]};
    server_ = std::jthread([this, c] { result_ = tools::ProcessRunner().run(c); });
    for (int i = 0; i < 200 && port_.empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      std::error_code ec;
      if (std::filesystem::file_size(port_file_, ec) > 0 && !ec) port_ = read_file(port_file_);
    }
  }
  ~FakeAwsEndpoint() {
    stop_.request_stop();
    if (server_.joinable()) server_.join();
  }
  FakeAwsEndpoint(const FakeAwsEndpoint&) = delete;
  FakeAwsEndpoint& operator=(const FakeAwsEndpoint&) = delete;

  bool started() const { return !port_.empty(); }
  std::string url() const { return "http://127.0.0.1:" + port_; }
  const std::filesystem::path& log() const { return log_; }

 private:
  std::filesystem::path port_file_, log_;
  std::string port_;
  std::stop_source stop_;
  tools::CommandResult result_;
  std::jthread server_;
};

}  // namespace ivcapgen::testing
