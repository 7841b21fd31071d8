#include "deploy/local/daemon.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

namespace ivcapgen::deploy::local {

namespace {

using Clock = std::chrono::steady_clock;

// What the grandchild reports through the error pipe when it cannot exec.
struct ChildFailure {
  int stage;  // 0 chdir, 1 exec, 2 setsid, 3 dup2
  int error;
};

[[noreturn]] void child_fail(int fd, int stage) {
  ChildFailure f{stage, errno};
  ssize_t ignored = ::write(fd, &f, sizeof f);
  (void)ignored;
  ::_exit(127);
}

bool read_exact(int fd, void* buf, size_t size) {
  auto* p = static_cast<char*>(buf);
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, p + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// Runs in the grandchild, between fork and exec: async-signal-safe calls only.
[[noreturn]] void become_daemon(int devnull, int log, int error_fd, const char* cwd,
                                char* const* argv, char* const* envp, const char* executable) {
  if (::setsid() < 0) child_fail(error_fd, 2);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int sig = 1; sig < NSIG; ++sig) {
    if (sig != SIGKILL && sig != SIGSTOP) ::signal(sig, SIG_DFL);
  }
  if (::dup2(devnull, 0) < 0 || ::dup2(log, 1) < 0 || ::dup2(log, 2) < 0) child_fail(error_fd, 3);
  if (::chdir(cwd) != 0) child_fail(error_fd, 0);
  // Leave nothing of ours open in the daemon but the error pipe (close-on-exec).
  if (error_fd > 3) ::close_range(3, static_cast<unsigned>(error_fd) - 1, 0);
  ::close_range(static_cast<unsigned>(error_fd) + 1, ~0u, 0);
  ::execve(executable, argv, envp);
  child_fail(error_fd, 1);
}

bool wait_until_gone(const ProcessIdentity& identity, std::chrono::milliseconds limit) {
  auto deadline = Clock::now() + limit;
  for (;;) {
    if (check_process(identity, {}).state != ProcessState::Running) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

std::optional<ProcessIdentity> spawn_daemon(const DaemonSpec& spec, std::string& error) {
  if (spec.argv.empty()) {
    error = "empty argv";
    return std::nullopt;
  }
  // Everything the children need is prepared before fork: after it, in a
  // process that may have threads, only async-signal-safe calls are allowed.
  std::vector<std::string> env_strings;
  for (const auto& [k, v] : spec.env) env_strings.push_back(k + "=" + v);
  std::vector<char*> argv, envp;
  for (const auto& a : spec.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::string executable = spec.executable.string();
  std::string cwd = spec.cwd.string();

  int log = ::open(spec.log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log < 0) {
    error = "cannot open log file " + spec.log_file.string() + ": " + std::strerror(errno);
    return std::nullopt;
  }
  int devnull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  int error_pipe[2], pid_pipe[2];
  if (devnull < 0 || ::pipe2(error_pipe, O_CLOEXEC) != 0) {
    error = std::string("cannot prepare the daemon: ") + std::strerror(errno);
    ::close(log);
    if (devnull >= 0) ::close(devnull);
    return std::nullopt;
  }
  if (::pipe2(pid_pipe, O_CLOEXEC) != 0) {
    error = std::string("cannot prepare the daemon: ") + std::strerror(errno);
    for (int fd : {log, devnull, error_pipe[0], error_pipe[1]}) ::close(fd);
    return std::nullopt;
  }
  pid_t child = ::fork();
  if (child < 0) {
    error = std::string("fork failed: ") + std::strerror(errno);
    for (int fd : {log, devnull, error_pipe[0], error_pipe[1], pid_pipe[0], pid_pipe[1]}) {
      ::close(fd);
    }
    return std::nullopt;
  }
  if (child == 0) {
    pid_t grandchild = ::fork();
    if (grandchild == 0) {
      become_daemon(devnull, log, error_pipe[1], cwd.c_str(), argv.data(), envp.data(),
                    executable.c_str());
    }
    ssize_t ignored = ::write(pid_pipe[1], &grandchild, sizeof grandchild);
    (void)ignored;
    ::_exit(grandchild < 0 ? 1 : 0);
  }
  for (int fd : {log, devnull, error_pipe[1], pid_pipe[1]}) ::close(fd);
  pid_t daemon_pid = -1;
  bool got_pid = read_exact(pid_pipe[0], &daemon_pid, sizeof daemon_pid);
  ::close(pid_pipe[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (!got_pid || daemon_pid <= 0) {
    ::close(error_pipe[0]);
    error = "fork failed while starting the daemon";
    return std::nullopt;
  }
  // The pipe closes on a successful exec; anything read is a failure report.
  ChildFailure failure{};
  bool failed = read_exact(error_pipe[0], &failure, sizeof failure);
  ::close(error_pipe[0]);
  if (failed) {
    std::string what = failure.stage == 0   ? "cannot change to " + cwd
                       : failure.stage == 1 ? "cannot execute " + executable
                       : failure.stage == 2 ? "cannot start a new session for " + executable
                                            : "cannot redirect the output of " + executable;
    error = what + ": " + std::strerror(failure.error);
    return std::nullopt;
  }
  // Read the identity now: the start time is what later tells this process
  // from a stranger that inherits its pid.
  auto identity = read_process_identity(daemon_pid);
  if (!identity) {
    error = executable + " exited while starting (at once)";
    return std::nullopt;
  }
  return identity;
}

const char* to_string(StopOutcome outcome) {
  switch (outcome) {
    case StopOutcome::NotRunning:
      return "not running";
    case StopOutcome::Terminated:
      return "stopped";
    case StopOutcome::Killed:
      return "killed";
    case StopOutcome::Failed:
      return "failed to stop";
  }
  return "?";
}

StopOutcome stop_daemon(const ProcessIdentity& identity, std::chrono::milliseconds grace,
                        std::string& error) {
  if (check_process(identity, {}).state != ProcessState::Running) return StopOutcome::NotRunning;
  if (::kill(identity.pid, SIGTERM) != 0) {
    if (errno == ESRCH) return StopOutcome::NotRunning;
    error = "cannot signal pid " + std::to_string(identity.pid) + ": " + std::strerror(errno);
    return StopOutcome::Failed;
  }
  if (wait_until_gone(identity, grace)) return StopOutcome::Terminated;
  // Re-check right before SIGKILL: the pid must still be the same process.
  if (check_process(identity, {}).state != ProcessState::Running) return StopOutcome::Terminated;
  auto group = read_process_group(identity.pid);
  pid_t target = group && *group == identity.pid ? -identity.pid : identity.pid;
  if (::kill(target, SIGKILL) != 0 && errno != ESRCH) {
    error = "cannot kill pid " + std::to_string(identity.pid) + ": " + std::strerror(errno);
    return StopOutcome::Failed;
  }
  if (wait_until_gone(identity, std::chrono::seconds(5))) return StopOutcome::Killed;
  error = "pid " + std::to_string(identity.pid) + " is still running after SIGKILL";
  return StopOutcome::Failed;
}

std::string log_tail(const std::filesystem::path& log_file, size_t lines) {
  std::ifstream in(log_file, std::ios::binary);
  if (!in) return "";
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  std::streamoff from = size > 65536 ? size - 65536 : 0;
  in.seekg(from);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  std::vector<std::string> all;
  std::istringstream split(text);
  for (std::string line; std::getline(split, line);) {
    if (!line.empty()) all.push_back(line);
  }
  if (from > 0 && !all.empty()) all.erase(all.begin());  // a partial first line
  std::string out;
  size_t first = all.size() > lines ? all.size() - lines : 0;
  for (size_t i = first; i < all.size(); ++i) out += "    " + all[i] + "\n";
  return out;
}

}  // namespace ivcapgen::deploy::local
