#pragma once
// What Terraform prints, as values: the machine-readable UI stream of
// `plan/apply/destroy -json` (one JSON object per line), `show -json` of a
// plan, `output -json` and `version -json`. Pure parsing, no processes.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/tool_result.h"

namespace ivcapgen::tools {

struct TerraformDiagnostic {
  std::string severity;  // "error" or "warning"
  std::string summary;
  std::string detail;
  std::string filename;  // empty when the diagnostic has no source range
  int line = 0;
  int column = 0;

  // GCC style: "main.tf:2:11: error: Reference to undeclared resource: <detail>".
  std::string to_string() const;
};

// One resource change of the UI stream ("planned_change", "resource_drift").
struct TerraformChange {
  std::string address;  // "module.network.aws_vpc.main"
  std::string action;   // "create", "update", "delete", "replace", "read", "noop", ...
  bool operator==(const TerraformChange&) const = default;
};

struct TerraformChangeSummary {
  int add = 0;
  int change = 0;
  int remove = 0;
  int import = 0;
  std::string operation;  // "plan", "apply", "destroy"
};

// Everything of interest in a `-json` UI stream.
struct TerraformStream {
  std::string terraform_version;
  std::vector<TerraformDiagnostic> diagnostics;  // errors and warnings, in order
  std::vector<TerraformChange> planned;          // planned_change
  std::vector<TerraformChange> drift;            // resource_drift
  std::vector<TerraformChange> applied;          // apply_complete
  std::vector<std::string> apply_errored;        // addresses of apply_errored
  std::optional<TerraformChangeSummary> summary;
  std::vector<std::string> other_lines;  // lines that were not JSON (a panic, a provider crash)

  std::vector<TerraformDiagnostic> errors() const;
  std::vector<TerraformDiagnostic> warnings() const;
};

TerraformStream parse_terraform_stream(std::string_view json_lines);

// One line of the stream; false when it is not a Terraform UI message.
bool add_terraform_message(const nlohmann::json& message, TerraformStream& stream);

// `terraform show -json PLANFILE`.
struct TerraformResourceChange {
  std::string address;
  std::string mode;  // "managed" or "data"
  std::string type;
  std::string name;
  std::vector<std::string> actions;  // ["create"], ["delete", "create"], ["no-op"], ...
  nlohmann::json before;
  nlohmann::json after;

  // One word: "create", "update", "delete", "replace", "read", "no-op".
  std::string action() const;
};

struct TerraformPlanDocument {
  std::string format_version;
  std::string terraform_version;
  std::vector<TerraformResourceChange> resource_changes;  // sorted by address
  std::vector<TerraformResourceChange> resource_drift;    // sorted by address
  bool errored = false;
  nlohmann::json document;  // the whole thing, for whoever needs more

  const TerraformResourceChange* find(std::string_view address) const;
};

ToolResult<TerraformPlanDocument> parse_terraform_plan_document(std::string_view json_text);

// `terraform output -json`.
struct TerraformOutput {
  bool sensitive = false;
  nlohmann::json type;
  nlohmann::json value;
};

struct TerraformOutputs {
  std::map<std::string, TerraformOutput> outputs;

  const TerraformOutput* find(std::string_view name) const;
  // "name = value" lines, sensitive values shown as "(sensitive value)".
  std::string describe() const;
  // Every string inside a sensitive output, for a Redactor to learn.
  std::vector<std::string> sensitive_strings() const;
};

ToolResult<TerraformOutputs> parse_terraform_outputs(std::string_view json_text);

// `terraform version -json`.
struct TerraformVersion {
  std::string version;   // "1.11.4"
  std::string platform;  // "linux_amd64"
  std::map<std::string, std::string> provider_selections;
};

ToolResult<TerraformVersion> parse_terraform_version(std::string_view json_text);

}  // namespace ivcapgen::tools
