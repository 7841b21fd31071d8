#pragma once
// ScriptedRunner: the CommandRunner of tests. It is given the exact sequence
// of commands the code under test must run, each with the recorded reply to
// replay, and reports precisely where reality departed from the script.
//
// A script file is JSON (paths relative to the file, `${NAME}` replaced from
// the variables given to the loader):
//
//   [ {"argv": ["terraform", "plan", "-out=${WORK}/plan.bin"],
//      "cwd": "${WORK}", "env": {"TF_IN_AUTOMATION": "1"}, "stdin": "...",
//      "stdout_file": "terraform/plan.jsonl", "stderr": "", "exit": 2},
//     {"argv": ["helm", "status", "x"], "timeout": true},
//     {"argv": ["kubectl", "version"], "not_found": true} ]
//
// Reply keys: stdout/stdout_file, stderr/stderr_file, exit (default 0),
// signal, timeout, not_found, start_error. Match keys besides argv (cwd, env
// subset, stdin/stdin_file) are checked only when present.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tools/command_runner.h"
#include "tools/tool_result.h"

namespace ivcapgen::tools {

struct ExpectedCall {
  std::vector<std::string> argv;
  std::optional<std::filesystem::path> cwd;
  std::map<std::string, std::string> env;  // must be set to these values
  std::optional<std::string> stdin_data;
  CommandResult reply;
  std::string origin;  // where it was written, for messages: "plan.json entry 2"
};

// Replies for hand-written expectations.
CommandResult exited(int code, std::string out = {}, std::string err = {});
CommandResult timed_out();
CommandResult not_found(std::string_view program);

using ScriptVariables = std::map<std::string, std::string>;

ToolResult<std::vector<ExpectedCall>> load_call_script(const std::filesystem::path& file,
                                                       const ScriptVariables& vars = {});
// `name` is used in messages; files named in the script are relative to `base_dir`.
ToolResult<std::vector<ExpectedCall>> parse_call_script(std::string_view json,
                                                        const std::filesystem::path& base_dir,
                                                        std::string_view name,
                                                        const ScriptVariables& vars = {});

// Not thread-safe: a script is one strict sequence.
class ScriptedRunner final : public CommandRunner {
 public:
  explicit ScriptedRunner(std::vector<ExpectedCall> script);

  // Replays the next entry's reply when the command matches it; otherwise
  // records the mismatch and returns a FailedToStart result explaining it
  // (the entry is consumed either way, so later calls stay aligned).
  CommandResult run(const Command& command) override;

  // Empty when every call matched and every entry was called; otherwise every
  // problem, one paragraph each. Check it at the end of a test.
  std::string verify() const;
  const std::vector<Command>& calls() const { return calls_; }
  size_t remaining() const { return script_.size() - next_; }

 private:
  std::vector<ExpectedCall> script_;
  size_t next_ = 0;
  std::vector<Command> calls_;
  std::vector<std::string> problems_;
};

// A line diff of two argv vectors (longest common subsequence), one item per
// line: "    item" in both, "  - item" expected only, "  + item" actual only.
std::string diff_argv(const std::vector<std::string>& expected,
                      const std::vector<std::string>& actual);

}  // namespace ivcapgen::tools
