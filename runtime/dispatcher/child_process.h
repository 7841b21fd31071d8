#pragma once
// Runs a service process: argv (never a shell string), a clean environment,
// a working directory, stdout+stderr appended to a log file, resource limits,
// its own process group (so a timeout kills everything it started), and a
// wall-clock deadline.
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ivcap::runtime {

struct ResourceLimits {
  std::uint64_t cpu_seconds = 0;          // RLIMIT_CPU; 0 = leave as is
  std::uint64_t address_space_bytes = 0;  // RLIMIT_AS
  std::uint64_t open_files = 0;           // RLIMIT_NOFILE
  std::uint64_t file_size_bytes = 0;      // RLIMIT_FSIZE
  std::uint64_t processes = 0;            // RLIMIT_NPROC (per user!)
};

struct ProcessSpec {
  std::vector<std::string> argv;  // argv[0] must be an absolute path
  std::vector<std::string> env;   // "NAME=value", the whole environment
  std::filesystem::path cwd;
  std::filesystem::path output;  // stdout and stderr are appended here
  ResourceLimits limits;
};

struct ProcessExit {
  enum class Kind { Exited, Signalled, TimedOut, Cancelled };
  Kind kind = Kind::Exited;
  int code = 0;    // exit status for Exited
  int signal = 0;  // for Signalled
  std::string describe() const;
  bool success() const { return kind == Kind::Exited && code == 0; }
};

// Finds `name` in the colon-separated `path_list` (an executable regular
// file); a name containing '/' is returned as given (relative to the cwd).
std::optional<std::string> resolve_executable(const std::string& name,
                                              const std::string& path_list);

class ChildProcess {
 public:
  // Forks and execs. Throws std::runtime_error when the program cannot be
  // started (the child reports exec errors through a close-on-exec pipe).
  static ChildProcess spawn(const ProcessSpec& spec);

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&&) = delete;
  ~ChildProcess();  // kills the group if still running

  pid_t pid() const { return pid_; }
  // Exit status if it has ended (non-blocking).
  std::optional<ProcessExit> poll();
  // Waits until exit, the deadline (-> TimedOut) or `cancel` (-> Cancelled);
  // on the latter two the group gets SIGTERM, then SIGKILL after `grace`.
  ProcessExit wait(std::chrono::steady_clock::time_point deadline, const std::atomic<bool>& cancel,
                   std::chrono::milliseconds grace);
  // SIGTERM to the group, SIGKILL after `grace`, reap.
  void terminate(std::chrono::milliseconds grace);

 private:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  pid_t pid_ = -1;
  std::optional<ProcessExit> exit_;
};

}  // namespace ivcap::runtime
