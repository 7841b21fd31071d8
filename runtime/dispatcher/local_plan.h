#pragma once
// What a local run of an order executes: a list of processes in dependency
// order. A basic service is one task; an argo-wf service is its DAG (or
// steps) flattened, each container/script template a task.
//
// Locally there are no images: a task runs its container's `command` +
// `args` on the host (inside the sandbox). A controller may carry a `local`
// section to say what to run instead:
//   controller.local.command: [argv...]                 (basic, rest/dynamic)
//   controller.local.templates.<template>.command: [...] (argo-wf)
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "dispatcher/parameter_binding.h"

namespace ivcap::runtime {

struct LocalTask {
  std::string name;               // "main", "first-task", "outer.inner"
  std::vector<std::string> argv;  // substituted; argv[0] a command name or path
  std::vector<std::pair<std::string, std::string>> env;  // from the container's `env`
  std::optional<std::string> script_source;  // script templates: saved and appended to argv
  std::vector<size_t> depends_on;            // indices of earlier tasks
};

struct LocalPlan {
  std::vector<LocalTask> tasks;
  // The controller's activeDeadlineSeconds, when set.
  std::optional<std::chrono::seconds> deadline;
};

inline constexpr size_t kMaxPlanTasks = 256;

std::variant<LocalPlan, std::string> plan_basic(const nlohmann::json& controller,
                                                const BoundParameters& params,
                                                const std::string& order_uuid);
std::variant<LocalPlan, std::string> plan_argo(const nlohmann::json& controller,
                                               const BoundParameters& params,
                                               const std::string& order_uuid);
// The argv of a rest/dynamic service (local.command, else command + args),
// with parameter defaults substituted.
std::variant<std::vector<std::string>, std::string> dynamic_service_argv(
    const nlohmann::json& controller, const BoundParameters& params);

}  // namespace ivcap::runtime
