#pragma once
// Optional bubblewrap sandbox around service processes. When `bwrap` is
// installed and works here (probed once at start), a service runs with:
// every namespace unshared (network too: only its own loopback), a read-only
// /usr (and the /bin, /lib... links), a few /etc files needed by the dynamic
// loader, fresh /proc, /dev and /tmp, no capabilities, uid/gid 65534 when
// user namespaces allow, and exactly one writable directory: its order (or
// instance) directory, at the same path as outside.
//
// Because the network is unshared, a sandboxed service cannot reach the data
// proxy; the dispatcher therefore stages input artifacts into the order
// directory before the run and uploads what the service leaves in
// IVCAP_RESULT_PATH afterwards (see runtime/README.md). Dynamic services
// must answer HTTP, so they keep the host network (`share_network`).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "dispatcher/child_process.h"

namespace ivcap::runtime {

enum class SandboxChoice { Auto, Bwrap, None };

struct SandboxConfig {
  std::string bwrap_path;  // absolute
  bool map_user = false;   // --unshare-user --uid 65534 --gid 65534
};

class Sandbox {
 public:
  // No sandbox.
  Sandbox() = default;
  explicit Sandbox(SandboxConfig config) : config_(std::move(config)) {}

  // Probes `bwrap_path` by running /bin/true in the configuration used for
  // services (first with a mapped user, then without). Returns a Sandbox
  // with bwrap when a probe succeeds; `why` says what failed otherwise.
  static Sandbox probe(const std::string& bwrap_path, const std::filesystem::path& scratch_dir,
                       std::string& why);

  bool enabled() const { return config_.has_value(); }
  std::string describe() const;  // "bwrap" / "bwrap (uid mapped)" / "none"

  // Wraps a resolved argv (argv[0] absolute) to run inside the sandbox with
  // `work_dir` as the only writable directory and the working directory.
  std::vector<std::string> wrap(const std::vector<std::string>& argv,
                                const std::filesystem::path& work_dir, bool share_network) const;

 private:
  std::optional<SandboxConfig> config_;
};

// The PATH services see, inside or outside the sandbox.
inline constexpr const char* kServicePath = "/usr/local/bin:/usr/bin:/bin";

}  // namespace ivcap::runtime
