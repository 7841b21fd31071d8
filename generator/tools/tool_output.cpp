#include "tools/tool_output.h"

#include "tools/command_log.h"

namespace ivcapgen::tools {

namespace {
constexpr size_t kDetailLines = 12;
}

ToolError command_failure(std::string_view what, const Command& command,
                          const CommandResult& result, const Redactor* redactor) {
  const Redactor r = redactor_for(command, redactor ? *redactor : Redactor());
  ToolError error;
  error.message = r.redact(std::string(what) + " failed: " + result.describe());
  if (result.outcome == Outcome::FailedToStart) return error;
  const std::string& text = result.err.empty() ? result.out : result.err;
  for (const auto& line : tail_lines(text, kDetailLines)) error.details.push_back(r.redact(line));
  return error;
}

ToolResult<nlohmann::json> parse_json_output(std::string_view what, std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    ToolError error{std::string(what) + " printed malformed JSON", {}};
    error.details = tail_lines(text.substr(0, 400), 3);
    return error;
  }
  return j;
}

std::string go_duration(std::chrono::seconds d) {
  return std::to_string(d.count()) + "s";
}

std::string string_at(const nlohmann::json& j, const char* pointer) {
  const nlohmann::json::json_pointer p(pointer);
  if (!j.contains(p)) return {};
  const auto& v = j.at(p);
  return v.is_string() ? v.get<std::string>() : std::string();
}

}  // namespace ivcapgen::tools
