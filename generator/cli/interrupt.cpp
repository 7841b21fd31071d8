#include "cli/interrupt.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <mutex>
#include <thread>

namespace ivcapgen::cli {

namespace {

int g_pipe[2] = {-1, -1};
std::atomic<int> g_signals{0};
static_assert(std::atomic<int>::is_always_lock_free, "used in a signal handler");

// Async-signal-safe: an atomic counter, write(2) and _exit(2) only.
void on_signal(int) {
  if (g_signals.fetch_add(1) > 0) ::_exit(kExitInterrupted);
  char byte = 1;
  ssize_t ignored = ::write(g_pipe[1], &byte, 1);
  (void)ignored;
}

std::stop_source& interrupt_source() {
  static std::stop_source source;
  return source;
}

// The stop source is not signal-safe to use from the handler, so a thread
// waits for the handler's byte and stops it.
void watch() {
  char byte = 0;
  for (;;) {
    ssize_t n = ::read(g_pipe[0], &byte, 1);
    if (n == 1) break;
    if (n < 0 && errno == EINTR) continue;
    return;
  }
  static constexpr char kMessage[] =
      "\nivcapgen: interrupted: stopping the running step (again to abort at once)\n";
  ssize_t ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  (void)ignored;
  interrupt_source().request_stop();
}

}  // namespace

std::stop_token interrupt_token() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (::pipe2(g_pipe, O_CLOEXEC) != 0) return;
    std::thread(watch).detach();
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
  });
  return interrupt_source().get_token();
}

tools::ProcessRunner::Options interruptible() {
  tools::ProcessRunner::Options options;
  options.stop = interrupt_token();
  return options;
}

bool interrupted() {
  return interrupt_source().stop_requested();
}

}  // namespace ivcapgen::cli
