// The only translation unit that includes Boost.Process (v1, Boost 1.74).
//
// Boost.Process starts the child (fork/exec with argv, environment, working
// directory and pipes), finds programs on PATH (search_path) and reaps the
// child. What v1 cannot do well is done here with plain POSIX calls, through
// its `extend` hooks so that there is still one way to start a process:
//  - process groups: v1's `group` only offers SIGKILL and no graceful stop,
//    so the child calls setpgid(0, 0) itself (and the parent repeats it, to
//    win the race with an early timeout), and we signal -pgid;
//  - exit detection: v1's on_exit installs a process-wide SIGCHLD handler,
//    which is global state; we poll waitid(WNOWAIT) instead, which also lets
//    us kill the group while the exited leader still holds the pgid;
//  - descriptor hygiene: v1's limit_handles does not know the pipes of
//    async_pipe and closes stdout; we mark every inherited descriptor >= 3
//    close-on-exec (close_range), so concurrent runs in other threads never
//    leak pipe ends into each other's children (which would delay EOF);
//  - a child that failed to exec is not reaped by v1: we reap it in on_error;
//  - environment::operator[] reads out of bounds in 1.74: we use set().
#include "tools/process_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/process/args.hpp>
#include <boost/process/async_pipe.hpp>
#include <boost/process/child.hpp>
#include <boost/process/env.hpp>
#include <boost/process/environment.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/extend.hpp>
#include <boost/process/io.hpp>
#include <boost/process/search_path.hpp>
#include <boost/process/start_dir.hpp>
#include <cerrno>
#include <map>
#include <stop_token>
#include <system_error>

namespace bp = boost::process;
namespace asio = boost::asio;
namespace fs = std::filesystem;

namespace ivcapgen::tools {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kFirstPoll{1};
constexpr milliseconds kMaxPoll{20};

// Blocks SIGPIPE in the calling thread while a command runs, so that writing
// to the stdin of a child that already exited yields EPIPE instead of killing
// ivcapgen (SIGPIPE from write() is directed at the writing thread). No
// process-wide disposition changes; a SIGPIPE raised meanwhile is consumed.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_, &saved_);
  }
  ~SigpipeBlock() {
    if (!sigismember(&saved_, SIGPIPE)) {
      const timespec zero{0, 0};
      while (sigtimedwait(&pipe_, nullptr, &zero) > 0) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &saved_, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;
  const sigset_t& saved() const { return saved_; }

 private:
  sigset_t pipe_;
  sigset_t saved_;
};

// Runs in the forked child before exec: async-signal-safe calls only.
void prepare_child(const sigset_t& mask, unsigned fd_limit) {
  ::setpgid(0, 0);
  ::signal(SIGPIPE, SIG_DFL);
  ::sigprocmask(SIG_SETMASK, &mask, nullptr);
  if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
    for (unsigned fd = 3; fd < fd_limit; ++fd) ::fcntl(static_cast<int>(fd), F_SETFD, FD_CLOEXEC);
  }
}

unsigned descriptor_limit() {
  rlimit rl{};
  if (::getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) return 65536;
  return static_cast<unsigned>(std::min<rlim_t>(rl.rlim_cur, 1u << 20));
}

std::map<std::string, std::string> effective_environment(const Command& command) {
  std::map<std::string, std::string> env;
  if (!command.clean_env) {
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
      std::string_view kv(*e);
      const size_t eq = kv.find('=');
      if (eq == std::string_view::npos || eq == 0) continue;
      env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
    }
  }
  for (const auto& name : command.unset_env) env.erase(name);
  for (const auto& [name, value] : command.env) env[name] = value;
  return env;
}

// What execvp searches when PATH is unset.
std::string default_search_path() {
  std::string buf(256, '\0');
  const size_t n = ::confstr(_CS_PATH, buf.data(), buf.size());
  if (n == 0 || n > buf.size()) return "/bin:/usr/bin";
  buf.resize(n - 1);
  return buf;
}

bool is_executable_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

// Reads one pipe to its end, appending to `sink` and handing complete lines to
// `on_line` as they arrive.
class OutputReader {
 public:
  OutputReader(bp::async_pipe& pipe, std::string& sink, const LineCallback& on_line,
               std::function<void()> on_done)
      : pipe_(pipe), sink_(sink), on_line_(on_line), on_done_(std::move(on_done)) {}

  void start() { read_more(); }
  bool done() const { return done_; }

 private:
  void read_more() {
    pipe_.async_read_some(asio::buffer(buf_),
                          [this](const boost::system::error_code& ec, size_t n) {
                            if (n > 0) consume(n);
                            if (ec) {
                              finish();
                            } else {
                              read_more();
                            }
                          });
  }

  void consume(size_t n) {
    sink_.append(buf_.data(), n);
    if (!on_line_) return;
    size_t nl;
    while ((nl = sink_.find('\n', scanned_)) != std::string::npos) {
      on_line_(std::string_view(sink_).substr(line_start_, nl - line_start_));
      line_start_ = scanned_ = nl + 1;
    }
    scanned_ = sink_.size();
  }

  void finish() {
    if (done_) return;
    done_ = true;
    if (on_line_ && line_start_ < sink_.size()) {
      on_line_(std::string_view(sink_).substr(line_start_));
    }
    on_done_();
  }

  bp::async_pipe& pipe_;
  std::string& sink_;
  const LineCallback& on_line_;
  std::function<void()> on_done_;
  std::array<char, 64 * 1024> buf_{};
  size_t line_start_ = 0;
  size_t scanned_ = 0;
  bool done_ = false;
};

// One run of one command: spawn, pump the pipes, watch the clock, reap.
class ProcessSession {
 public:
  ProcessSession(const Command& command, const ProcessRunner::Options& options,
                 CommandResult& result)
      : command_(command),
        options_(options),
        result_(result),
        out_reader_(out_pipe_, result.out, command.on_stdout_line, [this] { maybe_finish(); }),
        err_reader_(err_pipe_, result.err, command.on_stderr_line, [this] { maybe_finish(); }) {}

  ~ProcessSession() {
    // Only on an exception (from a line callback): leave nothing behind.
    if (pgid_ > 0 && !reaped_) {
      ::kill(-pgid_, SIGKILL);
      std::error_code ec;
      child_.wait(ec);
    }
  }

  // False (with result_.start_error set) when the program could not be started.
  bool spawn(const fs::path& exe, const std::map<std::string, std::string>& env,
             const sigset_t& child_mask) {
    bp::environment child_env;
    // set(), not operator[]: in 1.74, find() compares past the end of
    // shorter entries (a heap overflow under ASan).
    for (const auto& [name, value] : env) child_env.set(name, value);
    const std::vector<std::string> args(command_.argv.begin() + 1, command_.argv.end());
    const std::string dir = command_.cwd.empty() ? std::string(".") : command_.cwd.string();
    const unsigned fd_limit = descriptor_limit();

    std::error_code ec;
    child_ = bp::child(
        bp::exe = exe.string(), bp::args = args, (bp::std_in < in_pipe_), (bp::std_out > out_pipe_),
        (bp::std_err > err_pipe_), bp::start_dir = dir, child_env,
        bp::extend::on_exec_setup = [&child_mask,
                                     fd_limit](auto&) { prepare_child(child_mask, fd_limit); },
        bp::extend::on_error =
            [](auto& exec, const std::error_code&) {
              if (exec.pid > 0) ::waitpid(exec.pid, nullptr, 0);
            },
        ec);
    if (ec) {
      result_.start_error = "cannot execute '" + exe.string() + "': " + ec.message();
      return false;
    }
    pgid_ = child_.id();
    ::setpgid(pgid_, pgid_);  // fails harmlessly when the child got there first
    return true;
  }

  void pump() {
    std::stop_callback on_stop(command_.stop,
                               [this] { asio::post(io_, [this] { stop(StopReason::Cancel); }); });
    feed_stdin();
    out_reader_.start();
    err_reader_.start();
    deadline_.expires_after(command_.timeout);
    deadline_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) stop(StopReason::Timeout);
    });
    schedule_poll();
    io_.run();
    fill_result();
  }

 private:
  enum class StopReason { None, Timeout, Cancel };

  void feed_stdin() {
    if (!command_.stdin_data || command_.stdin_data->empty()) {
      close_quietly(in_pipe_);
      return;
    }
    asio::async_write(in_pipe_, asio::buffer(*command_.stdin_data),
                      [this](const boost::system::error_code&, size_t) {
                        // EPIPE just means the program stopped reading.
                        close_quietly(in_pipe_);
                      });
  }

  void schedule_poll() {
    poll_.expires_after(poll_interval_);
    poll_.async_wait([this](const boost::system::error_code& ec) {
      if (ec || leader_exited_) return;
      if (leader_has_exited()) {
        on_leader_exit();
        return;
      }
      poll_interval_ = std::min(poll_interval_ * 2, kMaxPoll);
      schedule_poll();
    });
  }

  // Without reaping, so the pgid stays reserved while we clean up the group.
  bool leader_has_exited() {
    siginfo_t info{};
    int rc;
    do {
      rc = ::waitid(P_PID, static_cast<id_t>(pgid_), &info, WEXITED | WNOHANG | WNOWAIT);
    } while (rc == -1 && errno == EINTR);
    if (rc == -1) return true;  // ECHILD: reaped behind our back (SIGCHLD ignored)
    return info.si_pid == pgid_;
  }

  void on_leader_exit() {
    leader_exited_ = true;
    // Whatever it left running in its group dies with the command.
    ::kill(-pgid_, SIGKILL);
    std::error_code ec;
    child_.wait(ec);
    reaped_ = true;
    status_known_ = !ec;
    deadline_.cancel();
    kill_timer_.cancel();
    drain_.expires_after(options_.drain_grace);
    drain_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      // A process outside the group still holds the pipes: stop waiting for it.
      close_quietly(out_pipe_);
      close_quietly(err_pipe_);
    });
    maybe_finish();
  }

  void stop(StopReason reason) {
    if (leader_exited_ || stop_reason_ != StopReason::None) return;
    stop_reason_ = reason;
    deadline_.cancel();
    ::kill(-pgid_, SIGTERM);
    kill_timer_.expires_after(options_.kill_grace);
    kill_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec && !leader_exited_) ::kill(-pgid_, SIGKILL);
    });
    // Notice the exit promptly now that we expect it.
    poll_interval_ = kFirstPoll;
    poll_.cancel();
    schedule_poll();
  }

  void maybe_finish() {
    if (!leader_exited_ || !out_reader_.done() || !err_reader_.done()) return;
    drain_.cancel();
    poll_.cancel();
    // A grandchild outside the group may still hold stdin open, unread.
    close_quietly(in_pipe_);
  }

  void fill_result() {
    const int status = child_.native_exit_code();
    if (status_known_ && WIFEXITED(status)) {
      result_.outcome = Outcome::Exited;
      result_.exit_code = WEXITSTATUS(status);
    } else if (status_known_ && WIFSIGNALED(status)) {
      result_.outcome = Outcome::Signaled;
      result_.signal = WTERMSIG(status);
    } else {
      result_.outcome = Outcome::Exited;  // the status was lost; say so by -1
      result_.exit_code = -1;
    }
    if (stop_reason_ == StopReason::Timeout) result_.outcome = Outcome::TimedOut;
    if (stop_reason_ == StopReason::Cancel) result_.outcome = Outcome::Cancelled;
  }

  static void close_quietly(bp::async_pipe& pipe) {
    boost::system::error_code ignored;
    pipe.close(ignored);
  }

  const Command& command_;
  const ProcessRunner::Options& options_;
  CommandResult& result_;

  asio::io_context io_;
  bp::async_pipe in_pipe_{io_};
  bp::async_pipe out_pipe_{io_};
  bp::async_pipe err_pipe_{io_};
  asio::steady_timer deadline_{io_};
  asio::steady_timer kill_timer_{io_};
  asio::steady_timer drain_{io_};
  asio::steady_timer poll_{io_};
  milliseconds poll_interval_ = kFirstPoll;
  OutputReader out_reader_;
  OutputReader err_reader_;

  bp::child child_;
  pid_t pgid_ = -1;
  bool leader_exited_ = false;
  bool reaped_ = false;
  bool status_known_ = false;
  StopReason stop_reason_ = StopReason::None;
};

// Resolves argv[0] as execvp would, against the child's PATH and cwd.
std::optional<fs::path> resolve_program(const Command& command,
                                        const std::map<std::string, std::string>& env,
                                        std::string& error) {
  const std::string& program = command.argv[0];
  if (program.find('/') != std::string::npos) {
    fs::path p = program;
    if (p.is_relative() && !command.cwd.empty()) p = command.cwd / p;
    if (is_executable_file(p)) return p;
    error = "'" + program + "' is not an executable file";
    return std::nullopt;
  }
  const auto path = env.find("PATH");
  auto found = find_program(program, path == env.end() ? default_search_path() : path->second);
  if (!found) error = "program '" + program + "' not found on PATH";
  return found;
}

}  // namespace

std::optional<fs::path> find_program(std::string_view program, std::string_view path_value) {
  if (program.empty()) return std::nullopt;
  if (program.find('/') != std::string_view::npos) {
    if (is_executable_file(fs::path(program))) return fs::path(program);
    return std::nullopt;
  }
  std::vector<boost::filesystem::path> dirs;
  size_t start = 0;
  while (start <= path_value.size()) {
    size_t end = path_value.find(':', start);
    if (end == std::string_view::npos) end = path_value.size();
    // An empty entry means "the current directory" to execvp; we do not
    // search there: a checkout must not be able to shadow terraform.
    if (end > start) dirs.emplace_back(std::string(path_value.substr(start, end - start)));
    start = end + 1;
  }
  const boost::filesystem::path found = bp::search_path(std::string(program), dirs);
  if (found.empty()) return std::nullopt;
  return fs::path(found.string());
}

std::string current_path_variable() {
  const char* p = std::getenv("PATH");
  return p ? std::string(p) : std::string();
}

CommandResult ProcessRunner::run(const Command& command) {
  if (!command.stop.stop_possible() && options_.stop.stop_possible()) {
    Command stoppable = command;
    stoppable.stop = options_.stop;
    return run(stoppable);
  }
  const auto start = Clock::now();
  CommandResult result;
  auto finish = [&]() -> CommandResult {
    result.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
    return std::move(result);
  };

  if (command.argv.empty() || command.argv[0].empty()) {
    result.start_error = "empty command line";
    return finish();
  }
  if (command.stop.stop_requested()) {
    result.outcome = Outcome::Cancelled;
    return finish();
  }
  const auto env = effective_environment(command);
  const auto exe = resolve_program(command, env, result.start_error);
  if (!exe) return finish();
  std::error_code ec;
  if (!command.cwd.empty() && !fs::is_directory(command.cwd, ec)) {
    result.start_error = "working directory '" + command.cwd.string() + "' does not exist";
    return finish();
  }

  SigpipeBlock sigpipe_block;
  std::optional<ProcessSession> session;
  try {
    session.emplace(command, options_, result);
    if (!session->spawn(*exe, env, sigpipe_block.saved())) return finish();
  } catch (const std::exception& e) {  // pipe(2) failing: out of descriptors
    result.start_error = std::string("cannot start '") + command.argv[0] + "': " + e.what();
    return finish();
  }
  session->pump();
  return finish();
}

}  // namespace ivcapgen::tools
