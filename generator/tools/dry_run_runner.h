#pragma once
// DryRunRunner: for `apply --dry-run`. It runs nothing, records what would
// have run, and reports success with empty output. Wrap it in a LoggingRunner
// to print the commands. Whether read-only commands (plan, diff, get) should
// still really run in a dry run is the caller's choice: give those a
// ProcessRunner. Not thread-safe.
#include <vector>

#include "tools/command_runner.h"

namespace ivcapgen::tools {

class DryRunRunner final : public CommandRunner {
 public:
  CommandResult run(const Command& command) override;
  const std::vector<Command>& commands() const { return commands_; }

 private:
  std::vector<Command> commands_;
};

}  // namespace ivcapgen::tools
