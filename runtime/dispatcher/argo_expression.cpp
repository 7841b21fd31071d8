#include "dispatcher/argo_expression.h"

#include <optional>

namespace ivcap::runtime {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::variant<std::string, std::string> substitute_expressions(std::string_view text,
                                                              const ExpressionScope& scope) {
  using Result = std::variant<std::string, std::string>;
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;  // not an expression: kept literally
    out.append(text.substr(pos, open - pos));
    std::string_view expr = trim(text.substr(open + 2, close - open - 2));
    const std::string literal(text.substr(open, close + 2 - open));
    auto lookup = [&](const std::map<std::string, std::string>* params,
                      std::string_view name) -> std::optional<std::string> {
      if (!params) return std::nullopt;
      auto it = params->find(std::string(name));
      if (it == params->end()) return std::nullopt;
      return it->second;
    };
    constexpr std::string_view kWorkflow = "workflow.parameters.";
    constexpr std::string_view kInputs = "inputs.parameters.";
    std::optional<std::string> value;
    if (expr.rfind(kWorkflow, 0) == 0) {
      value = lookup(scope.workflow_parameters, expr.substr(kWorkflow.size()));
    } else if (expr.rfind(kInputs, 0) == 0) {
      value = lookup(scope.input_parameters, expr.substr(kInputs.size()));
    } else if (expr == "workflow.name" || expr == "workflow.uid") {
      value = scope.workflow_name;
    } else {
      return Result(std::in_place_index<1>,
                    "'" + literal +
                        "' is not supported by the local runtime (only "
                        "workflow.parameters.*, inputs.parameters.*, workflow.name, workflow.uid)");
    }
    if (!value) return Result(std::in_place_index<1>, "unresolved reference '" + literal + "'");
    out += *value;
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return Result(std::in_place_index<0>, out);
}

std::string substitute_or_throw(std::string_view text, const ExpressionScope& scope,
                                std::string_view where) {
  auto result = substitute_expressions(text, scope);
  if (result.index() == 1) throw PlanError{std::string(where) + ": " + std::get<1>(result)};
  return std::get<0>(result);
}

}  // namespace ivcap::runtime
