#include "model/argo_graph.h"

#include <cctype>

namespace ivcapgen::model {

namespace {

const char* const kTemplateKinds[] = {"container", "script", "dag",  "steps",  "resource",
                                      "suspend",   "data",   "http", "plugin", "containerSet"};

std::string scalar(const SourceNode* n) {
  return n && n->is_scalar() ? n->text : std::string();
}

std::vector<ArgoInput> template_inputs(const SourceNode& tmpl) {
  std::vector<ArgoInput> out;
  const SourceNode* inputs = tmpl.find("inputs");
  const SourceNode* params = inputs ? inputs->find("parameters") : nullptr;
  if (!params || !params->is_sequence()) return out;
  for (const SourceNode& p : params->items) {
    if (!p.is_mapping()) continue;
    ArgoInput in;
    in.name = scalar(p.find("name"));
    in.has_value = p.find("value") || p.find("default") || p.find("valueFrom");
    in.location = p.find("name") ? p.find("name")->location : p.location;
    if (!in.name.empty()) out.push_back(std::move(in));
  }
  return out;
}

std::set<std::string> argument_names(const SourceNode& call) {
  std::set<std::string> out;
  const SourceNode* args = call.find("arguments");
  const SourceNode* params = args ? args->find("parameters") : nullptr;
  if (!params || !params->is_sequence()) return out;
  for (const SourceNode& p : params->items) {
    std::string name = p.is_mapping() ? scalar(p.find("name")) : std::string();
    if (!name.empty()) out.insert(name);
  }
  return out;
}

ArgoCall make_call(const SourceNode& node, ArgoCall::Site site, size_t caller, size_t group,
                   size_t index) {
  ArgoCall c;
  c.site = site;
  c.caller = caller;
  c.group = group;
  c.index = index;
  c.name = scalar(node.find("name"));
  c.location = node.location;
  if (const SourceNode* t = node.find("template"); t && t->is_scalar()) {
    c.callee = t->text;
    c.callee_location = t->location;
  }
  c.passed = argument_names(node);
  return c;
}

void collect_dag_calls(const SourceNode& dag, size_t caller, std::vector<ArgoCall>& calls) {
  const SourceNode* tasks = dag.find("tasks");
  if (!tasks || !tasks->is_sequence()) return;
  for (size_t i = 0; i < tasks->items.size(); ++i) {
    const SourceNode& task = tasks->items[i];
    if (!task.is_mapping()) continue;
    ArgoCall c = make_call(task, ArgoCall::Site::DagTask, caller, 0, i);
    if (const SourceNode* deps = task.find("dependencies"); deps && deps->is_sequence()) {
      for (const SourceNode& d : deps->items) {
        if (d.is_scalar()) c.dependencies.emplace_back(d.text, d.location);
      }
    }
    if (const SourceNode* depends = task.find("depends"); depends && depends->is_scalar()) {
      for (auto& name : depends_task_names(depends->text)) {
        c.dependencies.emplace_back(name, depends->location);
      }
    }
    calls.push_back(std::move(c));
  }
}

void collect_step_calls(const SourceNode& steps, size_t caller, std::vector<ArgoCall>& calls) {
  if (!steps.is_sequence()) return;
  for (size_t g = 0; g < steps.items.size(); ++g) {
    const SourceNode& group = steps.items[g];
    if (!group.is_sequence()) continue;
    for (size_t i = 0; i < group.items.size(); ++i) {
      if (group.items[i].is_mapping()) {
        calls.push_back(make_call(group.items[i], ArgoCall::Site::Step, caller, g, i));
      }
    }
  }
}

void add_hook_roots(const SourceNode& hooks, ArgoGraph& g) {
  if (!hooks.is_mapping()) return;
  for (const SourceNode& hook : hooks.items) {
    const SourceNode* t = hook.is_mapping() ? hook.find("template") : nullptr;
    if (t && t->is_scalar()) g.roots.emplace_back(t->text, t->location);
  }
}

}  // namespace

std::vector<std::string> depends_task_names(std::string_view expr) {
  std::vector<std::string> names;
  size_t i = 0;
  while (i < expr.size()) {
    unsigned char c = static_cast<unsigned char>(expr[i]);
    if (std::isalnum(c) || c == '-' || c == '_') {
      size_t start = i;
      while (i < expr.size() && (std::isalnum(static_cast<unsigned char>(expr[i])) ||
                                 expr[i] == '-' || expr[i] == '_')) {
        ++i;
      }
      names.emplace_back(expr.substr(start, i - start));
      // Skip a `.Succeeded`-style result selector.
      if (i < expr.size() && expr[i] == '.') {
        ++i;
        while (i < expr.size() && std::isalpha(static_cast<unsigned char>(expr[i]))) ++i;
      }
    } else {
      ++i;
    }
  }
  return names;
}

ArgoGraph analyze_argo(const ArgoController& argo, const std::set<std::string>& parameter_names) {
  ArgoGraph g;
  for (size_t t = 0; t < argo.templates->size(); ++t) {
    const SourceNode& node = argo.templates.value[t];
    ArgoTemplate info;
    info.location = node.location;
    if (node.is_mapping()) {
      info.name = scalar(node.find("name"));
      if (const SourceNode* n = node.find("name")) info.location = n->location;
      for (const char* kind : kTemplateKinds) {
        if (node.find(kind)) info.kind = kind;
      }
      info.inputs = template_inputs(node);
      if (const SourceNode* dag = node.find("dag")) collect_dag_calls(*dag, t, g.calls);
      if (const SourceNode* steps = node.find("steps")) collect_step_calls(*steps, t, g.calls);
    }
    if (!info.name.empty()) g.by_name.emplace(info.name, t);
    g.templates.push_back(std::move(info));
  }
  if (argo.entrypoint.present)
    g.roots.emplace_back(argo.entrypoint.value, argo.entrypoint.location);
  if (argo.on_exit.is_scalar()) g.roots.emplace_back(argo.on_exit.text, argo.on_exit.location);
  add_hook_roots(argo.hooks, g);

  // Reachability over call edges.
  std::vector<std::string> pending;
  for (const auto& r : g.roots) pending.push_back(r.first);
  while (!pending.empty()) {
    std::string name = std::move(pending.back());
    pending.pop_back();
    auto it = g.by_name.find(name);
    if (it == g.by_name.end() || !g.reachable.insert(name).second) continue;
    for (const auto& call : g.calls) {
      if (call.caller == it->second && !call.callee.empty()) pending.push_back(call.callee);
    }
  }

  // An input its caller does not pass, without a value of its own, is wired
  // to the service parameter of the same name.
  for (size_t c = 0; c < g.calls.size(); ++c) {
    const ArgoCall& call = g.calls[c];
    auto callee = g.by_name.find(call.callee);
    if (callee == g.by_name.end()) continue;
    if (!g.reachable.count(g.templates[call.caller].name)) continue;
    for (const ArgoInput& in : g.templates[callee->second].inputs) {
      if (in.has_value || call.passed.count(in.name)) continue;
      if (parameter_names.count(in.name)) g.wirings.push_back({c, in.name});
    }
  }
  return g;
}

}  // namespace ivcapgen::model
