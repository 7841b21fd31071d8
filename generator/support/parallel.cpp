#include "support/parallel.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace ivcapgen::support {

size_t worker_count() {
  if (const char* jobs = std::getenv("IVCAPGEN_JOBS")) {
    char* end = nullptr;
    unsigned long n = std::strtoul(jobs, &end, 10);
    if (end != jobs && *end == '\0' && n >= 1) return std::min<size_t>(n, 64);
  }
  return std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
}

void parallel_for(size_t n, const std::function<void(size_t worker, size_t i)>& fn) {
  size_t workers = std::min(worker_count(), n);
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) fn(0, i);
    return;
  }
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto run = [&](size_t worker) {
    for (size_t i; !failed.load(std::memory_order_relaxed) && (i = next.fetch_add(1)) < n;) {
      try {
        fn(worker, i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  try {
    for (size_t w = 1; w < workers; ++w) threads.emplace_back(run, w);
  } catch (const std::system_error&) {
    // No more threads to be had: the ones started and this one do the rest.
  }
  run(0);
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace ivcapgen::support
