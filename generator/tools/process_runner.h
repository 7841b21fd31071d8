#pragma once
// ProcessRunner: the real CommandRunner. It is the only code that starts
// processes, and its .cpp is the only file that includes Boost.Process (slow to
// compile), so this header stays free of Boost.
//
// Each command runs in its own process group. The group lives no longer than
// the command: on timeout or cancellation the group gets SIGTERM, then SIGKILL
// after a grace period; when the program exits, whatever it left running in
// its group is killed. stdout and stderr are read concurrently with writing
// stdin, so no output size can deadlock.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string_view>

#include "tools/command_runner.h"

namespace ivcapgen::tools {

class ProcessRunner final : public CommandRunner {
 public:
  struct Options {
    // Between SIGTERM and SIGKILL when a command is stopped.
    std::chrono::milliseconds kill_grace{500};
    // How long to keep reading after the program exited, for output still in
    // flight from a process that escaped the group (e.g. with setsid).
    std::chrono::milliseconds drain_grace{1000};
    // Stops every command that has no stop token of its own (the CLI's
    // Ctrl-C: cli/interrupt.h).
    std::stop_token stop;
  };

  ProcessRunner() = default;
  explicit ProcessRunner(Options options) : options_(options) {}

  // Thread-safe: concurrent calls from several threads are fine.
  CommandResult run(const Command& command) override;

 private:
  Options options_;
};

// The executable `program` resolves to on the colon-separated `path_value`
// (like execvp), or nullopt. A `program` containing '/' is returned as is when
// it names an executable file.
std::optional<std::filesystem::path> find_program(std::string_view program,
                                                  std::string_view path_value);

// The PATH of this process (empty when unset).
std::string current_path_variable();

}  // namespace ivcapgen::tools
