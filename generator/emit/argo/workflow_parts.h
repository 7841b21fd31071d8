#pragma once
// The parts a service's WorkflowTemplate is assembled from (SPEC 2.3, 2.4),
// one concept per file: the workflow arguments (parameters.cpp), the one
// container template of basic services (basic_template.cpp), the user's
// Argo templates and workflow-level fields with their parameter wiring
// (user_workflow.cpp), the sandbox every pod template gets
// (pod_templates.cpp) and ivcapgen's exit handler (exit_handler.cpp).
// workflow_templates.cpp puts them together.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "model/argo_graph.h"
#include "model/model.h"

namespace ivcapgen::emit::workflows {

using Json = nlohmann::ordered_json;

inline constexpr std::string_view kApiVersion = "argoproj.io/v1alpha1";
inline constexpr std::string_view kExitHandlerTemplate = "ivcap-exit-handler";
inline constexpr std::string_view kOnExitTemplate = "ivcap-on-exit";
inline constexpr std::string_view kBasicEntrypoint = "main";

// --- parameters.cpp ----------------------------------------------------------

// The names a template input may be wired to: the service's parameters and
// the parameters of the workflow-level `arguments` the user wrote (the set
// validation checks inputs against).
std::set<std::string> argument_names(const model::Service& s);
// spec.arguments: the service parameters ({name, value?, enum?,
// description?}) merged with the user's workflow `arguments` (typed JSON or
// null): a user entry of the same name adds to and overrides the service's,
// other user parameters follow, user artifacts are kept. Empty object when
// there is nothing.
Json workflow_arguments(const model::Service& s, const Json& user_arguments);
// {name, value: "{{workflow.parameters.<name>}}"}
Json wired_parameter(const std::string& name);
// Appends `parameter` to call.arguments.parameters.
void add_argument(Json& call, Json parameter);

// --- basic_template.cpp --------------------------------------------------------

// basic/batch: the `main` container template from the controller (image,
// command, args, env, pull policy, resources, GPU scheduling, /dev/shm).
Json basic_main_template(const model::Model& m, const model::Service& s);

// --- user_workflow.cpp ---------------------------------------------------------

// A workflow-level field (Argo name) as JSON typed by WorkflowSpec.
Json workflow_field(std::string_view name, const spec::SourceNode& node);

// How the user's workflow ends: the template (or templateRef) that Argo
// would run on exit and the arguments it is called with.
struct UserExitHandler {
  Json step;  // {name, template | templateRef, arguments?}
};

struct UserWorkflow {
  Json templates = Json::array();  // typed, wired
  Json arguments;                  // the user's workflow `arguments` (typed), or null
  Json fields = Json::object();    // other workflow-level fields, `exit` hook removed
  std::optional<UserExitHandler> exit_handler;
};

// argo-wf/argo: the user's templates and workflow-level fields, with every
// input wired per model::analyze_argo (DAG tasks and steps), and the same
// rule applied to the calls the workflow itself makes (hooks, the exit
// handler).
UserWorkflow user_workflow(const model::Service& s);

// --- pod_templates.cpp ---------------------------------------------------------

// Gives every container, script and containerSet template the sandbox:
// restricted security contexts (user's kept, gaps filled), resources with
// the environment's defaults (templateDefaults counted as written), the
// IVCAP_* environment, results and /tmp mounts, and the data proxy sidecar
// in sidecar mode.
void harden_pod_templates(const model::Model& m, const model::Service& s, Json& templates,
                          const Json& template_defaults);

// --- exit_handler.cpp ----------------------------------------------------------

// The order context as Argo variables: the dispatcher submits each order as
// a Workflow from the service's WorkflowTemplate with the annotation
// ivcap.io/order-id: urn:ivcap:order:<uuid> (an annotation because a label
// value cannot hold the URN's colons).
inline constexpr std::string_view kOrderIdAnnotation = "ivcap.io/order-id";
std::string order_id_variable();

// `ivcap-exit-handler`: reports the workflow's outcome to the exit handler.
Json exit_handler_template(const model::Model& m, const model::Service& s);
// `ivcap-on-exit`: the user's exit handler, then (whatever it returned)
// ivcapgen's.
Json on_exit_template(const UserExitHandler& user);

}  // namespace ivcapgen::emit::workflows
