#pragma once
// The `-v` hook: a CommandLog hears about every command, and LoggingRunner is
// the decorator that tells it. Everything a log shows passes a Redactor first.
#include <ostream>
#include <string>

#include "tools/command_runner.h"
#include "tools/redactor.h"

namespace ivcapgen::tools {

class CommandLog {
 public:
  virtual ~CommandLog() = default;
  virtual void command_started(const Command& command) = 0;
  virtual void command_finished(const Command& command, const CommandResult& result) = 0;
};

// One line per command, shell-like and redacted:
//   + cd /out/aws-prod/terraform && TF_IN_AUTOMATION=1 terraform plan -input=false ...
// then how it ended, and on failure the last lines of its stderr (redacted).
// Captured stdout is never logged: it may hold secrets nobody told us about
// (`terraform output -json`).
class StreamCommandLog final : public CommandLog {
 public:
  StreamCommandLog(std::ostream& out, const Redactor& redactor) : out_(out), redactor_(redactor) {}
  void command_started(const Command& command) override;
  void command_finished(const Command& command, const CommandResult& result) override;

 private:
  std::ostream& out_;
  const Redactor& redactor_;
};

// Runs every command through `inner`, telling `log` before and after.
class LoggingRunner final : public CommandRunner {
 public:
  LoggingRunner(CommandRunner& inner, CommandLog& log) : inner_(inner), log_(log) {}
  CommandResult run(const Command& command) override;

 private:
  CommandRunner& inner_;
  CommandLog& log_;
};

// The redactor to use for one command: `base` plus the command's own secrets
// and the values of its secret-named environment variables.
Redactor redactor_for(const Command& command, const Redactor& base);

// The command as one redacted, shell-quoted line (cwd and env overrides first).
std::string format_command(const Command& command, const Redactor& redactor);

// `s` quoted for a POSIX shell when it needs to be.
std::string shell_quote(std::string_view s);

}  // namespace ivcapgen::tools
