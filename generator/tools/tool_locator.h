#pragma once
// ToolLocator: where terraform, kubectl and helm are. A flag (--terraform,
// --kubectl, --helm) wins over PATH. It is asked by the stage about to use
// the tool, never earlier, so a missing helm does not stop `apply --only
// infrastructure`; the error names that stage.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "tools/tool_result.h"

namespace ivcapgen::tools {

enum class Tool { Terraform, Kubectl, Helm };

std::string_view tool_name(Tool tool);  // "terraform"

// Values of the --terraform/--kubectl/--helm flags: a path, or a name to look up on PATH.
struct ToolOverrides {
  std::optional<std::string> terraform;
  std::optional<std::string> kubectl;
  std::optional<std::string> helm;

  const std::optional<std::string>& get(Tool tool) const;
};

class ToolLocator {
 public:
  // `path_value` is the PATH to search (current_path_variable() in the CLI).
  ToolLocator(ToolOverrides overrides, std::string path_value)
      : overrides_(std::move(overrides)), path_value_(std::move(path_value)) {}

  // The executable, or an error such as "wave 3 (third-party components) needs
  // 'helm', which is not on PATH; install it or pass --helm PATH".
  ToolResult<std::filesystem::path> locate(Tool tool, std::string_view stage) const;

 private:
  ToolOverrides overrides_;
  std::string path_value_;
};

}  // namespace ivcapgen::tools
