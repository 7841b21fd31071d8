#pragma once
// Graceful shutdown on SIGTERM/SIGINT. The constructor blocks both signals
// in the calling thread, so it must run in main() before any thread starts
// (threads inherit the mask); a watcher thread then takes them with
// sigtimedwait and runs the callback. The "signal received" flag is the only
// process-wide state, and it lives in this object. SIGPIPE is ignored so a
// vanished peer is an error return, not a crash.
#include <atomic>
#include <functional>
#include <thread>

namespace ivcap::runtime {

class ShutdownSignal {
 public:
  ShutdownSignal();
  ~ShutdownSignal();
  ShutdownSignal(const ShutdownSignal&) = delete;
  ShutdownSignal& operator=(const ShutdownSignal&) = delete;

  // Starts watching; `on_signal` runs once, on the watcher thread.
  void watch(std::function<void(int signal)> on_signal);
  bool received() const { return received_.load(); }

 private:
  std::atomic<bool> received_{false};
  std::atomic<bool> stop_{false};
  std::thread watcher_;
};

}  // namespace ivcap::runtime
