#pragma once
// Turning a CommandResult into values, the same way in every adapter: the
// error for a failed command (with its stderr tail, redacted) and JSON output
// parsed or rejected with a clear message.
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "tools/command_runner.h"
#include "tools/redactor.h"
#include "tools/tool_result.h"

namespace ivcapgen::tools {

// "<what> failed: exited with status 1" (or timed out, ...), with the last
// lines of stderr (stdout when stderr is empty) as details, secrets masked.
ToolError command_failure(std::string_view what, const Command& command,
                          const CommandResult& result, const Redactor* redactor);

// The JSON document in `text`, or "<what> printed malformed JSON: ...".
ToolResult<nlohmann::json> parse_json_output(std::string_view what, std::string_view text);

// A duration as Go's time.ParseDuration reads it: "300s".
std::string go_duration(std::chrono::seconds d);

// The string at `pointer` in `j` ("" when absent or not a string).
std::string string_at(const nlohmann::json& j, const char* pointer);

}  // namespace ivcapgen::tools
