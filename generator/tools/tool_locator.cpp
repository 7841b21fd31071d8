#include "tools/tool_locator.h"

#include "tools/process_runner.h"

namespace ivcapgen::tools {

std::string_view tool_name(Tool tool) {
  switch (tool) {
    case Tool::Terraform:
      return "terraform";
    case Tool::Kubectl:
      return "kubectl";
    case Tool::Helm:
      return "helm";
  }
  return "unknown";
}

const std::optional<std::string>& ToolOverrides::get(Tool tool) const {
  switch (tool) {
    case Tool::Terraform:
      return terraform;
    case Tool::Kubectl:
      return kubectl;
    case Tool::Helm:
      break;
  }
  return helm;
}

ToolResult<std::filesystem::path> ToolLocator::locate(Tool tool, std::string_view stage) const {
  const std::string name(tool_name(tool));
  const std::string needs = std::string(stage) + " needs '" + name + "'";
  const std::string flag = "--" + name;
  const auto& override_value = overrides_.get(tool);
  if (!override_value) {
    if (auto found = find_program(name, path_value_)) return *found;
    return ToolError{needs + ", which is not on PATH; install it or pass " + flag + " PATH", {}};
  }
  const std::string& value = *override_value;
  if (value.find('/') == std::string::npos) {
    if (auto found = find_program(value, path_value_)) return *found;
    return ToolError{needs + ", but " + flag + " " + value + " was not found on PATH", {}};
  }
  std::error_code ec;
  if (!std::filesystem::exists(value, ec)) {
    return ToolError{needs + ", but " + flag + " " + value + " does not exist", {}};
  }
  if (auto found = find_program(value, path_value_)) return *found;
  return ToolError{needs + ", but " + flag + " " + value + " is not an executable file", {}};
}

}  // namespace ivcapgen::tools
