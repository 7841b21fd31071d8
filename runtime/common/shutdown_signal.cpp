#include "common/shutdown_signal.h"

#include <pthread.h>
#include <signal.h>

#include <ctime>

namespace ivcap::runtime {

namespace {

sigset_t shutdown_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

ShutdownSignal::ShutdownSignal() {
  sigset_t set = shutdown_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  ::signal(SIGPIPE, SIG_IGN);
}

ShutdownSignal::~ShutdownSignal() {
  stop_ = true;
  if (watcher_.joinable()) watcher_.join();
}

void ShutdownSignal::watch(std::function<void(int)> on_signal) {
  watcher_ = std::thread([this, on_signal = std::move(on_signal)] {
    sigset_t set = shutdown_signals();
    const timespec poll{0, 100 * 1000 * 1000};
    while (!stop_) {
      int sig = sigtimedwait(&set, nullptr, &poll);
      if (sig == SIGTERM || sig == SIGINT) {
        received_ = true;
        on_signal(sig);
        return;
      }
    }
  });
}

}  // namespace ivcap::runtime
