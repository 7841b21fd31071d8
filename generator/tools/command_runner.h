#pragma once
// The one way ivcapgen runs an external program: a Command (an argv vector,
// never a shell string) given to a CommandRunner, which returns a
// CommandResult value. Implementations: ProcessRunner (real processes),
// ScriptedRunner (tests), DryRunRunner (`apply --dry-run`), LoggingRunner
// (a decorator that logs each command for `-v`).
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace ivcapgen::tools {

// Receives one line of output, without its line terminator.
using LineCallback = std::function<void(std::string_view line)>;

inline constexpr std::chrono::milliseconds kDefaultCommandTimeout = std::chrono::minutes(10);

struct Command {
  // argv[0] is a program name looked up on PATH or a path to the program.
  std::vector<std::string> argv;
  // Where the program runs; empty means the caller's working directory.
  std::filesystem::path cwd;
  // Variables set or replaced in the child's environment.
  std::map<std::string, std::string> env;
  // Variables removed from the inherited environment.
  std::vector<std::string> unset_env;
  // Start from an empty environment (then apply `env`) instead of inheriting.
  bool clean_env = false;
  // Bytes written to the child's stdin, which is then closed; without it the
  // child reads end-of-file at once (it never sees the terminal).
  std::optional<std::string> stdin_data;
  // Every command has a deadline; past it the whole process group is killed.
  std::chrono::milliseconds timeout = kDefaultCommandTimeout;
  // Called with each line as it arrives (for progress), on the thread that
  // called run(). The full output is captured in the result as well. They
  // must not throw; if one does, the command is killed and the exception
  // propagates out of run().
  LineCallback on_stdout_line;
  LineCallback on_stderr_line;
  // Values that must never appear in a log (tokens, passwords, keys). Values
  // of environment variables with secret-like names are treated alike.
  std::vector<std::string> secrets;
  // Stopping this token (e.g. on Ctrl-C) terminates the command.
  std::stop_token stop;
};

enum class Outcome {
  Exited,         // ran to completion; see exit_code
  Signaled,       // killed by a signal it did not expect from us; see signal
  TimedOut,       // killed by us when the timeout passed
  Cancelled,      // killed by us because the stop token was triggered
  FailedToStart,  // never ran; see start_error
};

const char* to_string(Outcome outcome);

struct CommandResult {
  Outcome outcome = Outcome::FailedToStart;
  int exit_code = -1;       // meaningful when outcome == Exited
  int signal = 0;           // the terminating signal, when the process died of one
  std::string out;          // everything written to stdout
  std::string err;          // everything written to stderr
  std::string start_error;  // why it did not start: "program 'helm' not found on PATH"
  std::chrono::milliseconds elapsed{0};

  bool ok() const { return outcome == Outcome::Exited && exit_code == 0; }
  bool exited_with(int code) const { return outcome == Outcome::Exited && exit_code == code; }
  bool timed_out() const { return outcome == Outcome::TimedOut; }
  // "exited with status 3", "killed by signal 9 (SIGKILL)", "timed out after 300 ms",
  // "failed to start: program 'helm' not found on PATH".
  std::string describe() const;
};

class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  // Runs the command to completion. Expected failures (program missing, non-zero
  // exit, timeout) are reported in the result, never thrown.
  virtual CommandResult run(const Command& command) = 0;
};

// A human-readable rendering of a duration for messages: "300 ms", "1.5 s", "2 min 5 s".
std::string format_duration(std::chrono::milliseconds d);

// The last `max_lines` non-empty lines of `text` (for error messages).
std::vector<std::string> tail_lines(std::string_view text, size_t max_lines);

}  // namespace ivcapgen::tools
