#pragma once
// Terraform adapter: wave 0. Each operation builds its argv in one place,
// runs it through a CommandRunner in the root module's directory, and returns
// typed values. Terraform always runs non-interactively (TF_IN_AUTOMATION,
// -input=false) and never phones home (CHECKPOINT_DISABLE).
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tools/command_runner.h"
#include "tools/redactor.h"
#include "tools/terraform_messages.h"
#include "tools/tool_result.h"

namespace ivcapgen::tools {

struct TerraformOptions {
  std::filesystem::path program = "terraform";  // from ToolLocator
  std::filesystem::path working_dir;            // the root module
  std::map<std::string, std::string> env;       // credentials (ARM_*, AWS_*), TF_DATA_DIR, ...
  std::chrono::milliseconds timeout = std::chrono::minutes(60);
  // Masks secrets in errors, and learns the values of sensitive outputs.
  Redactor* redactor = nullptr;
  // Each message of a -json stream (plan, apply, destroy) as it arrives.
  std::function<void(const nlohmann::json& message)> on_message;
};

struct TerraformInitRequest {
  std::map<std::string, std::string> backend_config;  // -backend-config=KEY=VALUE, sorted
  bool backend = true;                                // false: -backend=false
  std::optional<std::filesystem::path> plugin_dir;    // an offline provider mirror
  bool reconfigure = false;
};

enum class TerraformPlanMode { Normal, RefreshOnly, Destroy };

struct TerraformPlanRequest {
  std::filesystem::path out;  // the plan file to write (relative to working_dir or absolute)
  TerraformPlanMode mode = TerraformPlanMode::Normal;
  bool refresh = true;  // false: -refresh=false (offline plans)
  std::vector<std::filesystem::path> var_files;
};

struct TerraformPlan {
  bool has_changes = false;  // from -detailed-exitcode: 2
  std::filesystem::path plan_file;
  std::vector<TerraformChange> changes;
  std::vector<TerraformChange> drift;
  TerraformChangeSummary summary;
  std::vector<TerraformDiagnostic> warnings;
};

struct TerraformApplyResult {
  std::vector<TerraformChange> applied;
  TerraformChangeSummary summary;
  std::vector<TerraformDiagnostic> warnings;
};

class Terraform {
 public:
  Terraform(CommandRunner& runner, TerraformOptions options)
      : runner_(runner), options_(std::move(options)) {}

  // terraform version -json
  ToolResult<TerraformVersion> version();
  // terraform init -input=false -no-color [-backend=false] [-reconfigure]
  //   [-plugin-dir=DIR] [-backend-config=K=V ...]
  ToolResult<Done> init(const TerraformInitRequest& request);
  // terraform plan -input=false -no-color -json -detailed-exitcode -out=FILE
  //   [-refresh-only | -destroy] [-refresh=false] [-var-file=F ...]
  // Exit 0: no changes, 2: changes, anything else: an error with the diagnostics.
  ToolResult<TerraformPlan> plan(const TerraformPlanRequest& request);
  // terraform show -json -no-color FILE
  ToolResult<TerraformPlanDocument> show_plan(const std::filesystem::path& plan_file);
  // terraform show -json -no-color (the current state)
  ToolResult<nlohmann::json> show_state();
  // terraform apply -input=false -no-color -json FILE (a saved plan needs no approval)
  ToolResult<TerraformApplyResult> apply(const std::filesystem::path& plan_file);
  // terraform output -no-color -json; sensitive values go to the redactor.
  ToolResult<TerraformOutputs> output();
  // terraform destroy -auto-approve -input=false -no-color -json [-var-file=F ...]
  ToolResult<TerraformApplyResult> destroy(
      const std::vector<std::filesystem::path>& var_files = {});

 private:
  Command command(std::vector<std::string> args) const;
  // Runs a command that prints a -json UI stream, forwarding messages as they come.
  CommandResult run_streaming(Command command, TerraformStream& stream);
  ToolError stream_failure(std::string_view what, const Command& command,
                           const CommandResult& result, const TerraformStream& stream) const;

  CommandRunner& runner_;
  TerraformOptions options_;
};

}  // namespace ivcapgen::tools
