// argo-wf/argo services (SPEC 2.4): the user's templates and workflow-level
// fields as typed JSON, with every template input that its caller does not
// pass and that matches a service parameter wired at the caller to
// `{{workflow.parameters.<name>}}` — for DAG tasks and steps as
// model::analyze_argo finds them (seed 002: task1's `message` at
// first-task), and for the calls the workflow itself makes: hooks, which
// Argo calls with the hook's own arguments only, and the user's exit
// handler, which ivcapgen calls as a step of `ivcap-on-exit`.
#include "emit/argo/workflow_parts.h"
#include "emit/model_json.h"
#include "spec/argo/argo_schema.h"

namespace ivcapgen::emit::workflows {

namespace {

namespace schema = spec::argo;
using spec::SourceNode;

// Workflow-level fields kept as written, in Argo's order; `arguments` and
// `onExit` are composed separately.
constexpr std::string_view kPassedThrough[] = {"hooks",
                                               "volumes",
                                               "volumeClaimTemplates",
                                               "templateDefaults",
                                               "parallelism",
                                               "activeDeadlineSeconds",
                                               "podGC",
                                               "ttlStrategy",
                                               "retryStrategy"};

const SourceNode& field_node(const model::ArgoController& a, std::string_view name) {
  if (name == "hooks") return a.hooks;
  if (name == "volumes") return a.volumes;
  if (name == "volumeClaimTemplates") return a.volume_claim_templates;
  if (name == "templateDefaults") return a.template_defaults;
  if (name == "parallelism") return a.parallelism;
  if (name == "activeDeadlineSeconds") return a.active_deadline_seconds;
  if (name == "podGC") return a.pod_gc;
  if (name == "ttlStrategy") return a.ttl_strategy;
  return a.retry_strategy;
}

std::set<std::string> passed_parameters(const Json& call) {
  std::set<std::string> out;
  auto args = call.find("arguments");
  if (args == call.end() || !args->is_object()) return out;
  auto params = args->find("parameters");
  if (params == args->end() || !params->is_array()) return out;
  for (const auto& p : *params) {
    if (p.is_object()) out.insert(p.value("name", ""));
  }
  return out;
}

// The wiring rule for a call the workflow makes itself (not a DAG task or
// step, which analyze_argo covers).
void wire_call(Json& call, const model::ArgoGraph& g, const std::set<std::string>& parameters) {
  auto name = call.find("template");
  if (name == call.end() || !name->is_string()) return;
  auto callee = g.by_name.find(name->get<std::string>());
  if (callee == g.by_name.end()) return;
  std::set<std::string> passed = passed_parameters(call);
  for (const auto& in : g.templates[callee->second].inputs) {
    if (in.has_value || passed.count(in.name) || !parameters.count(in.name)) continue;
    add_argument(call, wired_parameter(in.name));
    passed.insert(in.name);
  }
}

Json& call_site(Json& templates, const model::ArgoCall& call) {
  Json& caller = templates.at(call.caller);
  if (call.site == model::ArgoCall::Site::DagTask)
    return caller.at("dag").at("tasks").at(call.index);
  return caller.at("steps").at(call.group).at(call.index);
}

// The exit handler Argo would run: `onExit`, else the `exit` hook (Argo
// ignores that hook when onExit is set, and so does this).
std::optional<UserExitHandler> exit_handler_of(const model::ArgoController& a, Json& hooks) {
  std::optional<UserExitHandler> out;
  if (a.on_exit.is_scalar() && !a.on_exit.text.empty()) {
    out = UserExitHandler{{{"name", "on-exit"}, {"template", a.on_exit.text}}};
  } else if (hooks.is_object() && hooks.contains("exit") && hooks["exit"].is_object()) {
    Json step = {{"name", "on-exit"}};
    for (const auto& [key, value] : hooks["exit"].items()) {
      if (key == "template" || key == "templateRef" || key == "arguments") step[key] = value;
    }
    out = UserExitHandler{std::move(step)};
  }
  if (hooks.is_object()) hooks.erase("exit");
  return out;
}

}  // namespace

Json workflow_field(std::string_view name, const SourceNode& node) {
  auto field = schema::find_field(schema::kWorkflowSpec, name);
  if (!field || field->definition.empty()) return node_to_json(node);
  switch (field->collection) {
    case schema::Collection::None:
      return schema::to_json(node, field->definition);
    case schema::Collection::List:
      if (node.is_sequence()) {
        Json out = Json::array();
        for (const auto& item : node.items) out.push_back(schema::to_json(item, field->definition));
        return out;
      }
      break;
    case schema::Collection::Map:
      if (node.is_mapping()) {
        Json out = Json::object();
        for (const auto& m : node.items) out[m.key] = schema::to_json(m, field->definition);
        return out;
      }
      break;
  }
  return node_to_json(node);
}

UserWorkflow user_workflow(const model::Service& s) {
  const model::ArgoController& a = s.controller().argo;
  const std::set<std::string> parameters = argument_names(s);
  const model::ArgoGraph g = model::analyze_argo(a, parameters);

  UserWorkflow w;
  for (const auto& t : *a.templates) w.templates.push_back(schema::to_json(t, schema::kTemplate));
  for (const auto& wiring : g.wirings) {
    add_argument(call_site(w.templates, g.calls[wiring.call]), wired_parameter(wiring.input));
  }

  if (!a.arguments.is_null()) w.arguments = workflow_field("arguments", a.arguments);
  for (std::string_view name : kPassedThrough) {
    const SourceNode& node = field_node(a, name);
    if (!node.is_null()) w.fields[std::string(name)] = workflow_field(name, node);
  }
  Json hooks = w.fields.contains("hooks") ? w.fields["hooks"] : Json();
  w.exit_handler = exit_handler_of(a, hooks);
  if (hooks.is_object() && !hooks.empty()) {
    for (auto& hook : hooks) {
      if (hook.is_object()) wire_call(hook, g, parameters);
    }
    w.fields["hooks"] = std::move(hooks);
  } else {
    w.fields.erase("hooks");
  }
  if (w.exit_handler) wire_call(w.exit_handler->step, g, parameters);
  return w;
}

}  // namespace ivcapgen::emit::workflows
