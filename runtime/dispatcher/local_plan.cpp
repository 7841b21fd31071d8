#include "dispatcher/local_plan.h"

#include <cctype>
#include <map>
#include <set>

#include "dispatcher/argo_expression.h"

namespace ivcap::runtime {

namespace {

using nlohmann::json;

[[noreturn]] void refuse(const std::string& message) {
  throw PlanError{message};
}

std::vector<std::string> string_list(const json& node, const std::string& where) {
  std::vector<std::string> out;
  if (node.is_null()) return out;
  if (!node.is_array()) refuse(where + " must be a list of strings");
  for (const auto& item : node) {
    if (!item.is_string()) refuse(where + " must be a list of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::vector<std::string> substitute_all(const std::vector<std::string>& items,
                                        const ExpressionScope& scope, const std::string& where) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(substitute_or_throw(item, scope, where));
  return out;
}

bool is_env_name(const std::string& name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) {
    return false;
  }
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

std::vector<std::pair<std::string, std::string>> container_env(const json& container,
                                                               const ExpressionScope& scope,
                                                               const std::string& where) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!container.contains("env") || container["env"].is_null()) return out;
  const json& env = container["env"];
  if (!env.is_array()) refuse(where + ".env must be a list of {name, value}");
  for (const auto& e : env) {
    if (!e.is_object() || !e.contains("name") || !e["name"].is_string()) {
      refuse(where + ".env entries need a 'name'");
    }
    std::string name = e["name"].get<std::string>();
    if (!is_env_name(name) || name == "PATH" || name.rfind("IVCAP_", 0) == 0) {
      refuse(where + ".env: '" + name + "' may not be set by a service");
    }
    if (e.contains("valueFrom"))
      refuse(where + ".env '" + name + "': valueFrom is not supported locally");
    std::string value =
        e.contains("value") && e["value"].is_string() ? e["value"].get<std::string>() : "";
    out.emplace_back(name, substitute_or_throw(value, scope, where + ".env." + name));
  }
  return out;
}

const json* local_section(const json& controller) {
  if (controller.contains("local") && controller["local"].is_object()) return &controller["local"];
  return nullptr;
}

// ---- argo-wf ---------------------------------------------------------------

struct ArgoPlanner {
  std::map<std::string, const json*> templates;
  const json* local = nullptr;
  const std::map<std::string, std::string>* workflow = nullptr;
  std::string order_uuid;
  LocalPlan plan;

  ExpressionScope scope_with(const std::map<std::string, std::string>& inputs) const {
    return ExpressionScope{workflow, &inputs, order_uuid};
  }

  // An input's value: the caller's argument, else the template's own
  // value/default, else the service parameter of that name (ivcapgen wires
  // such inputs to {{workflow.parameters.<name>}}).
  std::map<std::string, std::string> resolve_inputs(
      const json& tmpl, const std::string& name, const std::map<std::string, std::string>& args) {
    std::map<std::string, std::string> inputs;
    if (!tmpl.contains("inputs") || !tmpl["inputs"].is_object()) return inputs;
    const json& params = tmpl["inputs"].value("parameters", json::array());
    if (!params.is_array()) refuse("template '" + name + "': inputs.parameters must be a list");
    std::map<std::string, std::string> empty;
    for (const auto& p : params) {
      if (!p.is_object() || !p.contains("name") || !p["name"].is_string()) {
        refuse("template '" + name + "': input parameter without a name");
      }
      std::string pname = p["name"].get<std::string>();
      std::string where = "template '" + name + "' input '" + pname + "'";
      if (auto it = args.find(pname); it != args.end()) {
        inputs[pname] = it->second;
      } else if (p.contains("value") && p["value"].is_string()) {
        inputs[pname] =
            substitute_or_throw(p["value"].get<std::string>(), scope_with(empty), where);
      } else if (p.contains("default") && p["default"].is_string()) {
        inputs[pname] =
            substitute_or_throw(p["default"].get<std::string>(), scope_with(empty), where);
      } else if (auto w = workflow->find(pname); w != workflow->end()) {
        inputs[pname] = w->second;
      } else {
        refuse(where + " has no value: pass it as an argument or declare a service parameter '" +
               pname + "'");
      }
    }
    return inputs;
  }

  std::map<std::string, std::string> call_arguments(const json& call, const ExpressionScope& scope,
                                                    const std::string& where) {
    std::map<std::string, std::string> args;
    if (!call.contains("arguments") || !call["arguments"].is_object()) return args;
    const json& params = call["arguments"].value("parameters", json::array());
    if (!params.is_array()) refuse(where + ": arguments.parameters must be a list");
    for (const auto& p : params) {
      if (!p.is_object() || !p.contains("name") || !p["name"].is_string()) {
        refuse(where + ": argument without a name");
      }
      std::string pname = p["name"].get<std::string>();
      if (!p.contains("value")) refuse(where + ": argument '" + pname + "' has no value");
      std::string value =
          p["value"].is_string() ? p["value"].get<std::string>() : p["value"].dump();
      args[pname] = substitute_or_throw(value, scope, where + " argument '" + pname + "'");
    }
    return args;
  }

  void refuse_unsupported(const json& call, const std::string& where) {
    for (const char* key : {"when", "withItems", "withParam", "withSequence", "templateRef",
                            "inline", "hooks", "onExit"}) {
      if (call.contains(key))
        refuse(where + ": '" + key + "' is not supported by the local runtime");
    }
  }

  // Expands `tmpl_name` as node `node`, after the tasks in `after`. Returns
  // the tasks a dependent of this node must wait for.
  std::vector<size_t> expand(const std::string& tmpl_name, const std::string& node,
                             const std::map<std::string, std::string>& args,
                             const std::vector<size_t>& after, int depth) {
    if (depth > 16) refuse("templates nest deeper than 16 levels at '" + node + "'");
    auto it = templates.find(tmpl_name);
    if (it == templates.end())
      refuse("task '" + node + "' refers to unknown template '" + tmpl_name + "'");
    const json& tmpl = *it->second;
    auto inputs = resolve_inputs(tmpl, tmpl_name, args);
    ExpressionScope scope = scope_with(inputs);
    std::string where = "template '" + tmpl_name + "'";
    if (tmpl.contains("container") || tmpl.contains("script")) {
      return {add_container_task(tmpl, tmpl_name, node, scope, after)};
    }
    if (tmpl.contains("dag")) return expand_dag(tmpl["dag"], node, scope, after, depth, where);
    if (tmpl.contains("steps"))
      return expand_steps(tmpl["steps"], node, scope, after, depth, where);
    for (const char* kind : {"resource", "suspend", "http", "data", "containerSet", "plugin"}) {
      if (tmpl.contains(kind)) {
        refuse(where + ": '" + kind + "' templates are not supported by the local runtime");
      }
    }
    refuse(where + " has no container, script, dag or steps");
  }

  size_t add_container_task(const json& tmpl, const std::string& tmpl_name, const std::string& node,
                            const ExpressionScope& scope, const std::vector<size_t>& after) {
    if (plan.tasks.size() >= kMaxPlanTasks) refuse("workflow expands to more than 256 tasks");
    std::string where = "template '" + tmpl_name + "'";
    bool is_script = tmpl.contains("script");
    const json& c = is_script ? tmpl["script"] : tmpl["container"];
    if (!c.is_object()) refuse(where + ": container must be an object");
    LocalTask task;
    task.name = node;
    std::vector<std::string> argv;
    const json* override_section = nullptr;
    if (local && local->contains("templates") && (*local)["templates"].is_object() &&
        (*local)["templates"].contains(tmpl_name)) {
      override_section = &(*local)["templates"][tmpl_name];
    }
    if (override_section) {
      if (!override_section->is_object())
        refuse("local.templates." + tmpl_name + " must be an object");
      argv = string_list(override_section->value("command", json()),
                         "local.templates." + tmpl_name + ".command");
    } else {
      argv = string_list(c.value("command", json()), where + ".command");
      auto args = string_list(c.value("args", json()), where + ".args");
      argv.insert(argv.end(), args.begin(), args.end());
    }
    if (argv.empty()) {
      refuse(where +
             " has no command to run locally (images are not run locally); add "
             "controller.local.templates." +
             tmpl_name + ".command");
    }
    task.argv = substitute_all(argv, scope, where);
    task.env = container_env(c, scope, where);
    if (is_script) {
      if (!c.contains("source") || !c["source"].is_string())
        refuse(where + ".source must be a string");
      task.script_source =
          substitute_or_throw(c["source"].get<std::string>(), scope, where + ".source");
    }
    task.depends_on = after;
    plan.tasks.push_back(std::move(task));
    return plan.tasks.size() - 1;
  }

  static std::vector<std::string> depends_names(const json& task, const std::string& where) {
    std::vector<std::string> names =
        string_list(task.value("dependencies", json()), where + ".dependencies");
    if (task.contains("depends")) {
      if (!task["depends"].is_string()) refuse(where + ".depends must be a string");
      // Only conjunctions of task names ("a && b.Succeeded") are honoured.
      std::string expr = task["depends"].get<std::string>();
      size_t pos = 0;
      while (pos <= expr.size()) {
        size_t amp = expr.find("&&", pos);
        std::string term =
            expr.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
        while (!term.empty() && std::isspace(static_cast<unsigned char>(term.front())))
          term.erase(0, 1);
        while (!term.empty() && std::isspace(static_cast<unsigned char>(term.back())))
          term.pop_back();
        if (term.size() > 10 && term.substr(term.size() - 10) == ".Succeeded")
          term.resize(term.size() - 10);
        for (char ch : term) {
          if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_')) {
            refuse(where + ".depends '" + expr +
                   "' is not supported by the local runtime (only "
                   "'a && b' of task names)");
          }
        }
        if (term.empty()) refuse(where + ".depends '" + expr + "' is malformed");
        names.push_back(term);
        if (amp == std::string::npos) break;
        pos = amp + 2;
      }
    }
    return names;
  }

  std::vector<size_t> expand_dag(const json& dag, const std::string& node,
                                 const ExpressionScope& scope, const std::vector<size_t>& after,
                                 int depth, const std::string& where) {
    if (!dag.is_object() || !dag.contains("tasks") || !dag["tasks"].is_array()) {
      refuse(where + ": dag.tasks must be a list");
    }
    std::map<std::string, const json*> tasks;
    std::map<std::string, std::vector<std::string>> deps;
    std::vector<std::string> order;  // declaration order, for stable output
    for (const auto& t : dag["tasks"]) {
      if (!t.is_object() || !t.contains("name") || !t["name"].is_string()) {
        refuse(where + ": dag task without a name");
      }
      std::string name = t["name"].get<std::string>();
      std::string twhere = where + " task '" + name + "'";
      if (tasks.count(name)) refuse(where + ": duplicate task '" + name + "'");
      if (!t.contains("template") || !t["template"].is_string())
        refuse(twhere + " has no 'template'");
      refuse_unsupported(t, twhere);
      tasks[name] = &t;
      deps[name] = depends_names(t, twhere);
      order.push_back(name);
    }
    for (const auto& [name, ds] : deps) {
      for (const auto& d : ds) {
        if (!tasks.count(d))
          refuse(where + " task '" + name + "' depends on unknown task '" + d + "'");
      }
    }
    // Kahn's algorithm, picking ready tasks in declaration order.
    std::map<std::string, std::vector<size_t>> exits;
    std::set<std::string> done;
    std::vector<size_t> all_exits;
    while (done.size() < order.size()) {
      bool progressed = false;
      for (const auto& name : order) {
        if (done.count(name)) continue;
        bool ready = true;
        for (const auto& d : deps[name]) ready = ready && done.count(d);
        if (!ready) continue;
        std::vector<size_t> task_after;
        if (deps[name].empty()) task_after = after;
        for (const auto& d : deps[name]) {
          task_after.insert(task_after.end(), exits[d].begin(), exits[d].end());
        }
        const json& t = *tasks[name];
        std::string twhere = where + " task '" + name + "'";
        auto args = call_arguments(t, scope, twhere);
        std::string child = node.empty() ? name : node + "." + name;
        exits[name] = expand(t["template"].get<std::string>(), child, args, task_after, depth + 1);
        all_exits.insert(all_exits.end(), exits[name].begin(), exits[name].end());
        done.insert(name);
        progressed = true;
      }
      if (!progressed) {
        std::string cycle;
        for (const auto& name : order) {
          if (!done.count(name)) cycle += (cycle.empty() ? "" : ", ") + name;
        }
        refuse(where + ": dependency cycle among tasks " + cycle);
      }
    }
    return all_exits;
  }

  std::vector<size_t> expand_steps(const json& steps, const std::string& node,
                                   const ExpressionScope& scope, const std::vector<size_t>& after,
                                   int depth, const std::string& where) {
    if (!steps.is_array()) refuse(where + ": steps must be a list of lists");
    std::vector<size_t> previous = after;
    for (const auto& group : steps) {
      if (!group.is_array()) refuse(where + ": steps must be a list of lists");
      std::vector<size_t> group_exits;
      for (const auto& s : group) {
        if (!s.is_object() || !s.contains("name") || !s["name"].is_string() ||
            !s.contains("template") || !s["template"].is_string()) {
          refuse(where + ": each step needs a 'name' and a 'template'");
        }
        std::string name = s["name"].get<std::string>();
        std::string swhere = where + " step '" + name + "'";
        refuse_unsupported(s, swhere);
        auto args = call_arguments(s, scope, swhere);
        std::string child = node.empty() ? name : node + "." + name;
        auto exits = expand(s["template"].get<std::string>(), child, args, previous, depth + 1);
        group_exits.insert(group_exits.end(), exits.begin(), exits.end());
      }
      if (!group_exits.empty()) previous = group_exits;
    }
    return previous;
  }
};

std::optional<std::chrono::seconds> deadline_of(const json& controller) {
  if (controller.contains("activeDeadlineSeconds") &&
      controller["activeDeadlineSeconds"].is_number_integer() &&
      controller["activeDeadlineSeconds"].get<long long>() > 0) {
    return std::chrono::seconds(controller["activeDeadlineSeconds"].get<long long>());
  }
  return std::nullopt;
}

}  // namespace

std::variant<LocalPlan, std::string> plan_basic(const json& controller,
                                                const BoundParameters& params,
                                                const std::string& order_uuid) {
  try {
    auto argv = dynamic_service_argv(controller, params);
    if (argv.index() == 1) return std::get<1>(argv);
    ExpressionScope scope{&params.values, &params.values, order_uuid};
    LocalTask task;
    task.name = "main";
    task.argv = std::move(std::get<0>(argv));
    task.env = container_env(controller, scope, "controller");
    LocalPlan plan;
    plan.tasks.push_back(std::move(task));
    plan.deadline = deadline_of(controller);
    return plan;
  } catch (const PlanError& e) {
    return e.message;
  }
}

std::variant<std::vector<std::string>, std::string> dynamic_service_argv(
    const json& controller, const BoundParameters& params) {
  try {
    std::vector<std::string> argv;
    const json* local = local_section(controller);
    if (local && local->contains("command")) {
      argv = string_list((*local)["command"], "controller.local.command");
    } else {
      argv = string_list(controller.value("command", json()), "controller.command");
      auto args = string_list(controller.value("args", json()), "controller.args");
      argv.insert(argv.end(), args.begin(), args.end());
    }
    if (argv.empty()) {
      return std::string(
          "controller has no command to run locally (images are not run locally); add "
          "controller.local.command");
    }
    ExpressionScope scope{&params.values, &params.values, ""};
    return substitute_all(argv, scope, "controller command");
  } catch (const PlanError& e) {
    return e.message;
  }
}

std::variant<LocalPlan, std::string> plan_argo(const json& controller_in,
                                               const BoundParameters& params,
                                               const std::string& order_uuid) {
  try {
    // The SDK form wraps a whole Argo Workflow: use its spec.
    const json* controller = &controller_in;
    if (controller_in.contains("workflow") && controller_in["workflow"].is_object()) {
      const json& wf = controller_in["workflow"];
      if (!wf.contains("spec") || !wf["spec"].is_object())
        refuse("controller.workflow has no spec");
      controller = &wf["spec"];
    }
    ArgoPlanner planner;
    planner.local = local_section(controller_in);
    planner.order_uuid = order_uuid;
    // Workflow parameters: the bound service parameters, then the
    // controller's own `arguments.parameters` for names not bound.
    std::map<std::string, std::string> workflow = params.values;
    if (controller->contains("arguments") && (*controller)["arguments"].is_object()) {
      const json& ps = (*controller)["arguments"].value("parameters", json::array());
      if (ps.is_array()) {
        for (const auto& p : ps) {
          if (p.is_object() && p.contains("name") && p["name"].is_string() && p.contains("value") &&
              p["value"].is_string() && !workflow.count(p["name"].get<std::string>())) {
            workflow[p["name"].get<std::string>()] = p["value"].get<std::string>();
          }
        }
      }
    }
    planner.workflow = &workflow;
    if (!controller->contains("templates") || !(*controller)["templates"].is_array()) {
      refuse("controller.templates must be a list");
    }
    for (const auto& t : (*controller)["templates"]) {
      if (!t.is_object() || !t.contains("name") || !t["name"].is_string()) {
        refuse("controller.templates: template without a name");
      }
      std::string name = t["name"].get<std::string>();
      if (planner.templates.count(name)) refuse("duplicate template '" + name + "'");
      planner.templates[name] = &t;
    }
    if (!controller->contains("entrypoint") || !(*controller)["entrypoint"].is_string()) {
      refuse("controller.entrypoint must name a template");
    }
    std::string entry = (*controller)["entrypoint"].get<std::string>();
    if (!planner.templates.count(entry)) refuse("entrypoint '" + entry + "' is not a template");
    const json& entry_tmpl = *planner.templates[entry];
    bool entry_is_leaf = entry_tmpl.contains("container") || entry_tmpl.contains("script");
    planner.expand(entry, entry_is_leaf ? entry : "", {}, {}, 0);
    planner.plan.deadline = deadline_of(*controller);
    if (planner.plan.tasks.empty()) refuse("workflow has no tasks to run");
    return std::move(planner.plan);
  } catch (const PlanError& e) {
    return e.message;
  }
}

}  // namespace ivcap::runtime
