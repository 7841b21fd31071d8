#pragma once
// kubectl adapter: waves 2, 4 and 5, readiness gates, drift and prune. Every
// apply is server-side with field manager "ivcapgen". Global flags
// (--kubeconfig, --context) come right after the program name.
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

struct KubectlOptions {
  std::filesystem::path program = "kubectl";  // from ToolLocator
  std::optional<std::string> context;
  std::optional<std::filesystem::path> kubeconfig;
  std::map<std::string, std::string> env;
  // For commands without a --timeout of their own (apply, get, delete, diff).
  std::chrono::milliseconds timeout = std::chrono::minutes(5);
  std::string field_manager = "ivcapgen";
  const Redactor* redactor = nullptr;
  // Lines printed by `rollout status` and `wait` as they arrive.
  LineCallback on_progress;
};

// An object as kubectl names it on the command line: KIND/NAME -n NS.
struct KubeObjectRef {
  std::string kind;  // "deployment", "deployment.apps", "statefulset"
  std::string name;
  std::string ns;  // empty for cluster-scoped objects
};

// One line of `kubectl apply` output: "deployment.apps/web serverside-applied".
struct KubeApplied {
  std::string object;  // "deployment.apps/web"
  std::string action;  // "serverside-applied", "created", "configured", "unchanged"
  bool operator==(const KubeApplied&) const = default;
};

struct KubeDiff {
  bool differs = false;
  std::string diff;  // unified diff as kubectl prints it
};

struct KubeQuery {
  std::vector<std::string> kinds;  // several kinds are fetched in one call
  std::string ns;                  // ignored when all_namespaces
  bool all_namespaces = false;
  std::string selector;  // -l
};

struct KubeDeleteRequest {
  std::vector<std::string> kinds;
  std::string ns;
  std::string selector;  // required: prune only deletes what it selects
  bool wait = true;      // false: --wait=false
};

struct KubeEvent {
  std::string type;    // "Normal", "Warning"
  std::string reason;  // "BackOff", "FailedScheduling"
  std::string message;
  std::string object;  // "pod/web-5d8f7"
  int count = 1;
  std::string last_seen;  // RFC 3339

  // "Warning BackOff pod/web-5d8f7: Back-off restarting failed container (x5)".
  std::string to_string() const;
};

class Kubectl {
 public:
  Kubectl(CommandRunner& runner, KubectlOptions options)
      : runner_(runner), options_(std::move(options)) {}

  // apply --server-side --field-manager=M [--force-conflicts] -f FILE
  ToolResult<std::vector<KubeApplied>> apply(const std::filesystem::path& file,
                                             bool force_conflicts = false);
  // The same, reading the manifests from stdin (-f -).
  ToolResult<std::vector<KubeApplied>> apply_manifests(std::string manifests,
                                                       bool force_conflicts = false);
  // diff --server-side --field-manager=M [--force-conflicts] -f FILE
  // (exit 1 means "there are differences", not an error).
  ToolResult<KubeDiff> diff(const std::filesystem::path& file, bool force_conflicts = false);
  // get KIND[,KIND...] (-n NS | --all-namespaces) [-l SELECTOR] -o json; the
  // items sorted by kind, namespace and name.
  ToolResult<std::vector<nlohmann::json>> get(const KubeQuery& query);
  // rollout status KIND/NAME -n NS --timeout=Ns
  ToolResult<Done> rollout_status(const KubeObjectRef& object, std::chrono::seconds timeout);
  // wait --for=condition=COND KIND/NAME -n NS --timeout=Ns
  ToolResult<Done> wait_for(const KubeObjectRef& object, std::string_view condition,
                            std::chrono::seconds timeout);
  // delete KIND[,KIND...] -n NS -l SELECTOR [--wait=false]; the deleted objects.
  ToolResult<std::vector<std::string>> delete_selected(const KubeDeleteRequest& request);
  // get events -n NS --field-selector involvedObject.name=NAME -o json, oldest first.
  ToolResult<std::vector<KubeEvent>> events_for(std::string_view ns, std::string_view name);

 private:
  Command command(std::vector<std::string> args) const;
  ToolResult<std::vector<KubeApplied>> run_apply(Command c);
  ToolResult<Done> run_gate(std::string_view what, std::vector<std::string> args,
                            std::chrono::seconds timeout);

  CommandRunner& runner_;
  KubectlOptions options_;
};

// Items of a `kubectl get -o json` document (a List, or a single object).
ToolResult<std::vector<nlohmann::json>> parse_kube_items(std::string_view json_text);
// Events of a `kubectl get events -o json` List, oldest first.
ToolResult<std::vector<KubeEvent>> parse_kube_events(std::string_view json_text);
// Lines of `kubectl apply` output.
std::vector<KubeApplied> parse_kube_applied(std::string_view text);

}  // namespace ivcapgen::tools
