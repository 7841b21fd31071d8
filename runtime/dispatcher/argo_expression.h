#pragma once
// Argo's `{{...}}` parameter references, as far as a local run can honour
// them: {{workflow.parameters.NAME}}, {{inputs.parameters.NAME}},
// {{workflow.name}} and {{workflow.uid}}. Anything else (task outputs,
// items, ...) is refused with a message saying so; an unresolved name is an
// error, as it is in Argo.
#include <map>
#include <string>
#include <string_view>
#include <variant>

namespace ivcap::runtime {

struct ExpressionScope {
  const std::map<std::string, std::string>* workflow_parameters = nullptr;
  const std::map<std::string, std::string>* input_parameters = nullptr;
  std::string workflow_name;  // the order's uuid
};

std::variant<std::string, std::string> substitute_expressions(std::string_view text,
                                                              const ExpressionScope& scope);

// Convenience: the substituted text, or throws PlanError(message).
struct PlanError {
  std::string message;
};
std::string substitute_or_throw(std::string_view text, const ExpressionScope& scope,
                                std::string_view where);

}  // namespace ivcap::runtime
