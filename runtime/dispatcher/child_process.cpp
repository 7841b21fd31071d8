#include "dispatcher/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace ivcap::runtime {

namespace {

ProcessExit decode(int status) {
  ProcessExit e;
  if (WIFEXITED(status)) {
    e.kind = ProcessExit::Kind::Exited;
    e.code = WEXITSTATUS(status);
  } else {
    e.kind = ProcessExit::Kind::Signalled;
    e.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  }
  return e;
}

// Everything below runs in the child between fork and exec: only
// async-signal-safe calls, no allocation.
[[noreturn]] void child_fail(int report_fd, int err) {
  ssize_t ignored = ::write(report_fd, &err, sizeof err);
  (void)ignored;
  ::_exit(127);
}

void set_limit(int resource, std::uint64_t value, int report_fd) {
  if (value == 0) return;
  rlimit rl{static_cast<rlim_t>(value), static_cast<rlim_t>(value)};
  if (::setrlimit(resource, &rl) != 0) child_fail(report_fd, errno);
}

}  // namespace

std::string ProcessExit::describe() const {
  switch (kind) {
    case Kind::Exited:
      return "exited with status " + std::to_string(code);
    case Kind::Signalled:
      return "killed by signal " + std::to_string(signal) + " (" +
             (strsignal(signal) ? strsignal(signal) : "?") + ")";
    case Kind::TimedOut:
      return "timed out";
    case Kind::Cancelled:
      return "cancelled";
  }
  return "unknown";
}

std::optional<std::string> resolve_executable(const std::string& name,
                                              const std::string& path_list) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string::npos) return name;
  size_t pos = 0;
  while (pos <= path_list.size()) {
    size_t colon = path_list.find(':', pos);
    std::string dir =
        path_list.substr(pos, colon == std::string::npos ? std::string::npos : colon - pos);
    if (!dir.empty()) {
      std::string candidate = dir + "/" + name;
      struct stat st {};
      if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
          ::access(candidate.c_str(), X_OK) == 0) {
        return candidate;
      }
    }
    if (colon == std::string::npos) break;
    pos = colon + 1;
  }
  return std::nullopt;
}

ChildProcess ChildProcess::spawn(const ProcessSpec& spec) {
  if (spec.argv.empty()) throw std::runtime_error("empty command");
  std::vector<char*> argv;
  for (const auto& a : spec.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (const auto& e : spec.env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  int out_fd = ::open(spec.output.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (out_fd < 0) {
    throw std::runtime_error("cannot open " + spec.output.string() + ": " + std::strerror(errno));
  }
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  int report[2];
  if (null_fd < 0 || ::pipe2(report, O_CLOEXEC) != 0) {
    ::close(out_fd);
    if (null_fd >= 0) ::close(null_fd);
    throw std::runtime_error(std::string("cannot set up the child: ") + std::strerror(errno));
  }
  const char* cwd = spec.cwd.c_str();
  const char* program = argv[0];
  const ResourceLimits limits = spec.limits;

  pid_t pid = ::fork();
  if (pid < 0) {
    int err = errno;
    ::close(out_fd), ::close(null_fd), ::close(report[0]), ::close(report[1]);
    throw std::runtime_error(std::string("fork failed: ") + std::strerror(err));
  }
  if (pid == 0) {
    ::close(report[0]);
    ::setpgid(0, 0);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int sig : {SIGPIPE, SIGTERM, SIGINT, SIGHUP}) ::signal(sig, SIG_DFL);
    if (::chdir(cwd) != 0) child_fail(report[1], errno);
    if (::dup2(null_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(out_fd, 2) < 0) {
      child_fail(report[1], errno);
    }
    // Keep only 0-2 and the report pipe (close-on-exec) open.
    int keep = report[1];
#ifdef SYS_close_range
    if (keep > 3) ::syscall(SYS_close_range, 3u, static_cast<unsigned>(keep - 1), 0u);
    if (::syscall(SYS_close_range, static_cast<unsigned>(keep + 1), ~0u, 0u) != 0)
#endif
    {
      for (int fd = 3; fd < 4096; ++fd) {
        if (fd != keep) ::close(fd);
      }
    }
    rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    set_limit(RLIMIT_CPU, limits.cpu_seconds, keep);
    set_limit(RLIMIT_AS, limits.address_space_bytes, keep);
    set_limit(RLIMIT_NOFILE, limits.open_files, keep);
    set_limit(RLIMIT_FSIZE, limits.file_size_bytes, keep);
    set_limit(RLIMIT_NPROC, limits.processes, keep);
    ::execve(program, argv.data(), envp.data());
    child_fail(keep, errno);
  }
  ::close(report[1]);
  ::close(out_fd);
  ::close(null_fd);
  // Also set the group from the parent, so a kill right after spawn reaches it.
  ::setpgid(pid, pid);
  int child_errno = 0;
  ssize_t n;
  do {
    n = ::read(report[0], &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  ::close(report[0]);
  ChildProcess child(pid);
  if (n == static_cast<ssize_t>(sizeof child_errno)) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    child.exit_ = decode(status);
    throw std::runtime_error("cannot start " + spec.argv[0] + ": " + std::strerror(child_errno));
  }
  return child;
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_), exit_(std::move(other.exit_)) {
  other.pid_ = -1;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !exit_) terminate(std::chrono::milliseconds(500));
}

std::optional<ProcessExit> ChildProcess::poll() {
  if (exit_) return exit_;
  int status = 0;
  pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == pid_) exit_ = decode(status);
  return exit_;
}

void ChildProcess::terminate(std::chrono::milliseconds grace) {
  if (pid_ <= 0 || poll()) {
    // The leader is gone; its group may still hold descendants.
    if (pid_ > 0) ::kill(-pid_, SIGKILL);
    return;
  }
  ::kill(-pid_, SIGTERM);
  auto until = std::chrono::steady_clock::now() + grace;
  while (std::chrono::steady_clock::now() < until) {
    if (poll()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(-pid_, SIGKILL);
  if (!exit_) {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    exit_ = decode(status);
  }
}

ProcessExit ChildProcess::wait(std::chrono::steady_clock::time_point deadline,
                               const std::atomic<bool>& cancel, std::chrono::milliseconds grace) {
  for (;;) {
    if (auto e = poll()) {
      ::kill(-pid_, SIGKILL);  // stray descendants of a finished task
      return *e;
    }
    if (cancel.load() || std::chrono::steady_clock::now() >= deadline) {
      bool cancelled = cancel.load();
      terminate(grace);
      ProcessExit e;
      e.kind = cancelled ? ProcessExit::Kind::Cancelled : ProcessExit::Kind::TimedOut;
      exit_ = e;
      return e;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace ivcap::runtime
