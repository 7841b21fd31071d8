// Rules about Argo workflow services: the call graph and parameter wiring.
#include <functional>
#include <map>
#include <set>

#include "diag/suggest.h"
#include "model/argo_graph.h"
#include "spec/argo_controller.h"
#include "validate/rules.h"

namespace ivcapgen::validate {

namespace {

using model::ArgoGraph;
using model::ControllerModel;
using model::Service;
using model::SourceNode;

bool is_argo(const Service& s) {
  auto m = s.controller().model;
  return m == ControllerModel::ArgoWf || m == ControllerModel::Argo;
}

std::set<std::string> parameter_names(const Service& s) {
  std::set<std::string> out;
  for (const auto& p : s.spec->parameters.value) out.insert(*p->name);
  // Workflow-level arguments declared in the controller count as well.
  const SourceNode& args = s.controller().argo.arguments;
  if (const SourceNode* params = args.find("parameters"); params && params->is_sequence()) {
    for (const auto& p : params->items) {
      if (const SourceNode* n = p.find("name"); n && n->is_scalar()) out.insert(n->text);
    }
  }
  return out;
}

std::vector<std::string> template_names(const ArgoGraph& g) {
  std::vector<std::string> out;
  for (const auto& [name, _] : g.by_name) out.push_back(name);
  return out;
}

void report_unknown_template(const std::string& name, const diag::SourceLocation& loc,
                             const ArgoGraph& g, std::string_view what, Findings& f) {
  auto& d = f.error(loc, std::string(what) + " refers to unknown template '" + name + "'");
  if (auto s = diag::closest_match(name, template_names(g))) d.suggestion = *s;
}

// Finds a dependency cycle among the tasks of one DAG; returns it as
// "a -> b -> a", or empty.
std::string find_cycle(const std::map<std::string, std::vector<std::string>>& edges) {
  std::map<std::string, int> state;  // 0 new, 1 on stack, 2 done
  std::vector<std::string> stack;
  std::string cycle;
  std::function<bool(const std::string&)> visit = [&](const std::string& n) {
    state[n] = 1;
    stack.push_back(n);
    auto it = edges.find(n);
    if (it != edges.end()) {
      for (const auto& next : it->second) {
        if (!edges.count(next)) continue;
        if (state[next] == 1) {
          auto from = std::find(stack.begin(), stack.end(), next);
          for (auto i = from; i != stack.end(); ++i) cycle += *i + " -> ";
          cycle += next;
          return true;
        }
        if (state[next] == 0 && visit(next)) return true;
      }
    }
    stack.pop_back();
    state[n] = 2;
    return false;
  };
  for (const auto& [n, _] : edges) {
    if (state[n] == 0 && visit(n)) return cycle;
  }
  return "";
}

void check_dag(const Service& s, const ArgoGraph& g, size_t tmpl, Findings& f) {
  std::map<std::string, std::vector<std::string>> edges;
  std::map<std::string, diag::SourceLocation> where;
  for (const auto& call : g.calls) {
    if (call.caller != tmpl || call.site != model::ArgoCall::Site::DagTask) continue;
    if (!where.emplace(call.name, call.location).second) {
      f.error(call.location,
              "task '" + call.name + "' is defined twice in DAG '" + g.templates[tmpl].name + "'");
    }
    auto& deps = edges[call.name];
    for (const auto& dep : call.dependencies) deps.push_back(dep.first);
  }
  std::vector<std::string> task_names;
  for (const auto& [name, _] : where) task_names.push_back(name);
  for (const auto& call : g.calls) {
    if (call.caller != tmpl || call.site != model::ArgoCall::Site::DagTask) continue;
    for (const auto& [dep, loc] : call.dependencies) {
      if (where.count(dep)) continue;
      auto& d = f.error(loc, "task '" + call.name + "' depends on unknown task '" + dep +
                                 "' in DAG '" + g.templates[tmpl].name + "'");
      if (auto sug = diag::closest_match(dep, task_names)) d.suggestion = *sug;
    }
  }
  std::string cycle = find_cycle(edges);
  if (!cycle.empty()) {
    std::string first = cycle.substr(0, cycle.find(' '));
    auto& d = f.error(where[first], "dependency cycle in DAG '" + g.templates[tmpl].name +
                                        "' of service '" + s.name() + "': " + cycle);
    d.note = "a DAG must not depend on itself; remove one of these dependencies";
  }
}

}  // namespace

// SDK-form workflow fields outside SPEC 2.4's list (the sandbox rule
// reports the ones it forbids as policy errors).
static void check_rejected_workflow_fields(const model::ArgoController& argo, Findings& f) {
  std::vector<std::string_view> allowed = spec::allowed_workflow_fields();
  allowed.push_back("entrypoint");
  allowed.push_back("templates");
  for (const SourceNode& m : argo.rejected_workflow_fields.items) {
    if (sandbox_forbids(m.key)) continue;
    auto& d = f.error(m.key_location, "workflow field '" + m.key + "' is not allowed in a service");
    d.note = "allowed: " + diag::join_alternatives(allowed, ", ");
    if (auto s = diag::closest_match(m.key, allowed)) d.suggestion = *s;
  }
}

void check_argo_structure(const model::Model& m, Findings& f) {
  for (const Service& s : m.services) {
    if (!is_argo(s)) continue;
    const auto& argo = s.controller().argo;
    check_rejected_workflow_fields(argo, f);
    ArgoGraph g = model::analyze_argo(argo, parameter_names(s));
    std::set<std::string> seen;
    for (size_t t = 0; t < g.templates.size(); ++t) {
      const auto& info = g.templates[t];
      if (info.name.empty()) {
        f.error(info.location, "template without a name in service '" + s.name() + "'");
        continue;
      }
      if (!seen.insert(info.name).second) {
        f.error(info.location, "template '" + info.name + "' is defined twice");
      }
      if (info.name.starts_with("ivcap-")) {
        f.error(info.location, "template name '" + info.name +
                                   "' is reserved: names starting 'ivcap-' belong to ivcapgen");
      }
      if (info.kind.empty()) {
        f.error(info.location, "template '" + info.name +
                                   "' has no body (container, script, "
                                   "dag, steps, ...)");
      }
      if (info.kind == "dag") check_dag(s, g, t, f);
    }
    for (const auto& [name, loc] : g.roots) {
      if (!g.by_name.count(name)) report_unknown_template(name, loc, g, "workflow", f);
    }
    for (const auto& call : g.calls) {
      if (!call.callee.empty() && !g.by_name.count(call.callee)) {
        report_unknown_template(
            call.callee, call.callee_location, g,
            (call.site == model::ArgoCall::Site::DagTask ? "task '" : "step '") + call.name + "'",
            f);
      }
    }
  }
}

void check_argo_inputs(const model::Model& m, Findings& f) {
  for (const Service& s : m.services) {
    if (!is_argo(s)) continue;
    auto params = parameter_names(s);
    std::vector<std::string> param_list(params.begin(), params.end());
    ArgoGraph g = model::analyze_argo(s.controller().argo, params);
    auto unsatisfied = [&](const model::ArgoInput& in, const std::string& tmpl,
                           const std::string& context, bool reachable) {
      std::string message = "input '" + in.name + "' of template '" + tmpl + "' " + context +
                            " and has no value, and the service has no parameter '" + in.name + "'";
      auto& d = reachable ? f.error(in.location, message) : f.warning(in.location, message);
      if (auto sug = diag::closest_match(in.name, param_list)) d.suggestion = *sug;
      if (!reachable) d.note = "the template is not reachable from the entrypoint, onExit or hooks";
    };
    // Templates called by reachable tasks or steps.
    std::set<std::pair<std::string, std::string>> reported;
    for (const auto& call : g.calls) {
      auto callee = g.by_name.find(call.callee);
      if (callee == g.by_name.end()) continue;
      bool reachable = g.reachable.count(g.templates[call.caller].name) > 0;
      for (const auto& in : g.templates[callee->second].inputs) {
        if (in.has_value || call.passed.count(in.name) || params.count(in.name)) continue;
        if (!reported.emplace(call.callee, in.name).second) continue;
        unsatisfied(in, call.callee, "is not passed by '" + call.name + "'", reachable);
      }
    }
    // Roots take their inputs from the workflow's arguments.
    for (const auto& [name, _] : g.roots) {
      auto it = g.by_name.find(name);
      if (it == g.by_name.end()) continue;
      for (const auto& in : g.templates[it->second].inputs) {
        if (in.has_value || params.count(in.name)) continue;
        if (!reported.emplace(name, in.name).second) continue;
        unsatisfied(in, name, "is not a workflow argument", true);
      }
    }
    // Templates nobody calls.
    for (const auto& t : g.templates) {
      if (t.name.empty() || g.reachable.count(t.name)) continue;
      for (const auto& in : t.inputs) {
        if (in.has_value || params.count(in.name)) continue;
        if (!reported.emplace(t.name, in.name).second) continue;
        unsatisfied(in, t.name, "is never passed", false);
      }
    }
  }
}

}  // namespace ivcapgen::validate
