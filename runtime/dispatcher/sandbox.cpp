#include "dispatcher/sandbox.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <random>

namespace ivcap::runtime {

namespace fs = std::filesystem;

std::string Sandbox::describe() const {
  if (!config_) return "none";
  return config_->map_user ? "bwrap (uid mapped)" : "bwrap";
}

std::vector<std::string> Sandbox::wrap(const std::vector<std::string>& argv,
                                       const fs::path& work_dir, bool share_network) const {
  if (!config_) return argv;
  std::vector<std::string> out = {config_->bwrap_path, "--unshare-all"};
  if (share_network) out.push_back("--share-net");
  out.insert(out.end(), {"--die-with-parent", "--cap-drop", "ALL", "--hostname", "ivcap-sandbox"});
  if (config_->map_user)
    out.insert(out.end(), {"--unshare-user", "--uid", "65534", "--gid", "65534"});
  out.insert(out.end(), {"--ro-bind", "/usr", "/usr"});
  // Merged-/usr systems have /bin -> usr/bin etc.; recreate the links,
  // otherwise bind the directories read-only.
  for (const char* top : {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) {
    std::error_code ec;
    auto st = fs::symlink_status(top, ec);
    if (ec) continue;
    if (fs::is_symlink(st)) {
      out.insert(out.end(), {"--symlink", fs::read_symlink(top, ec).string(), top});
    } else if (fs::is_directory(st)) {
      out.insert(out.end(), {"--ro-bind", top, top});
    }
  }
  for (const char* etc :
       {"/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives",
        "/etc/localtime", "/etc/nsswitch.conf", "/etc/ssl/certs", "/etc/mime.types"}) {
    out.insert(out.end(), {"--ro-bind-try", etc, etc});
  }
  out.insert(out.end(), {"--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"});
  out.insert(out.end(),
             {"--bind", work_dir.string(), work_dir.string(), "--chdir", work_dir.string(), "--"});
  out.insert(out.end(), argv.begin(), argv.end());
  return out;
}

Sandbox Sandbox::probe(const std::string& bwrap_path, const fs::path& scratch_dir,
                       std::string& why) {
  if (::access(bwrap_path.c_str(), X_OK) != 0) {
    why = bwrap_path + " is not installed";
    return Sandbox();
  }
  auto true_path = resolve_executable("true", kServicePath);
  if (!true_path) {
    why = "no 'true' program on " + std::string(kServicePath);
    return Sandbox();
  }
  std::random_device rd;
  fs::path dir = scratch_dir / ("bwrap-probe-" + std::to_string(rd()));
  fs::create_directories(dir);
  std::atomic<bool> never{false};
  for (bool map_user : {true, false}) {
    Sandbox candidate(SandboxConfig{bwrap_path, map_user});
    ProcessSpec spec;
    spec.argv = candidate.wrap({*true_path}, dir, false);
    spec.env = {std::string("PATH=") + kServicePath};
    spec.cwd = dir;
    spec.output = dir / "probe.log";
    try {
      auto child = ChildProcess::spawn(spec);
      auto exit = child.wait(std::chrono::steady_clock::now() + std::chrono::seconds(10), never,
                             std::chrono::milliseconds(200));
      if (exit.success()) {
        std::error_code ec;
        fs::remove_all(dir, ec);
        return candidate;
      }
      why = "bwrap probe " + exit.describe();
    } catch (const std::exception& e) {
      why = e.what();
    }
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return Sandbox();
}

}  // namespace ivcap::runtime
