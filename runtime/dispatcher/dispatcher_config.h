#pragma once
// The dispatcher's settings, all from argv flags (see main.cpp and
// runtime/README.md).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "dispatcher/child_process.h"

namespace ivcap::runtime {

struct DispatcherConfig {
  std::filesystem::path data_dir;  // orders/<uuid>/ and instances/<uuid>/ live here
  std::string project = "ivcap";   // CONTEXT_ROOT of dynamic services: /<project>-<name>
  std::string gateway_url;         // IVCAP_BASE_URL for services
  std::string data_proxy_url;      // IVCAP_PROXY_URL for unsandboxed services
  std::chrono::milliseconds order_timeout{30 * 60 * 1000};
  std::chrono::milliseconds kill_grace{2000};
  std::chrono::milliseconds instance_start_timeout{30 * 1000};
  std::chrono::milliseconds lease_timeout{5 * 60 * 1000};
  ResourceLimits limits;
  std::uint64_t max_result_bytes = 64ull << 20;  // per result file
  std::size_t max_result_files = 100;
  bool keep_order_dirs = false;
  int max_parallel_orders = 2;
};

}  // namespace ivcap::runtime
