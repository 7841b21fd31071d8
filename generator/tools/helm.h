#pragma once
// Helm adapter: wave 3, the third-party components. Releases are installed
// or upgraded idempotently (upgrade --install), atomically and waited for;
// charts are always pinned to a version. Global flags (--kubeconfig,
// --kube-context) come right after the program name.
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tools/command_runner.h"
#include "tools/redactor.h"
#include "tools/tool_result.h"

namespace ivcapgen::tools {

struct HelmOptions {
  std::filesystem::path program = "helm";  // from ToolLocator
  std::optional<std::string> kube_context;
  std::optional<std::filesystem::path> kubeconfig;
  std::map<std::string, std::string> env;  // HELM_CACHE_HOME, HELM_CONFIG_HOME, ...
  // For commands without a --timeout of their own (status, get values).
  std::chrono::milliseconds timeout = std::chrono::minutes(2);
  const Redactor* redactor = nullptr;
};

struct HelmChart {
  std::string ref;      // "ingress-nginx" (with repo) or "oci://ghcr.io/org/charts/x"
  std::string version;  // required: a pinned version
  std::string repo;     // chart repository URL; empty for oci:// references
};

struct HelmUpgradeRequest {
  std::string release;
  std::string ns;
  HelmChart chart;
  std::vector<std::filesystem::path> values_files;  // -f, in order (later ones win)
  bool create_namespace = true;
  bool atomic = true;  // roll back on failure
  bool wait = true;    // until resources are ready
  std::chrono::seconds timeout{300};
};

struct HelmRelease {
  std::string name;
  std::string ns;
  int revision = 0;
  std::string status;  // "deployed", "failed", "pending-upgrade", ...
  std::string chart;   // chart name
  std::string chart_version;
  std::string app_version;
  std::string description;
  nlohmann::json config;  // the user-supplied values
};

class Helm {
 public:
  Helm(CommandRunner& runner, HelmOptions options)
      : runner_(runner), options_(std::move(options)) {}

  // upgrade --install RELEASE CHART --namespace NS [--create-namespace]
  //   --version V [--repo URL] [-f VALUES ...] [--atomic] [--wait] --timeout Ns -o json
  ToolResult<HelmRelease> upgrade_install(const HelmUpgradeRequest& request);
  // get values RELEASE -n NS -o json [--all]; nullopt when the release does not exist.
  ToolResult<std::optional<nlohmann::json>> get_values(std::string_view release,
                                                       std::string_view ns, bool all = false);
  // status RELEASE -n NS -o json; nullopt when the release does not exist.
  ToolResult<std::optional<HelmRelease>> status(std::string_view release, std::string_view ns);
  // uninstall RELEASE -n NS [--wait] --timeout Ns; false when there was nothing to remove.
  ToolResult<bool> uninstall(std::string_view release, std::string_view ns, bool wait = true,
                             std::chrono::seconds timeout = std::chrono::seconds(300));

 private:
  Command command(std::vector<std::string> args) const;

  CommandRunner& runner_;
  HelmOptions options_;
};

// A release as `helm status -o json` / `helm upgrade -o json` print it.
ToolResult<HelmRelease> parse_helm_release(std::string_view json_text);

}  // namespace ivcapgen::tools
