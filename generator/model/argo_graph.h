#pragma once
// The call structure of an Argo service: which templates exist, what each
// DAG task or step calls with which arguments, what is reachable from the
// entrypoint, onExit and hooks, and which template inputs must be wired to
// `{{workflow.parameters.<name>}}` at their caller (SPEC 2.4). Validation
// reports from it; the WorkflowTemplate emitter applies its wiring.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/service.h"

namespace ivcapgen::model {

struct ArgoInput {
  std::string name;
  bool has_value = false;  // `value` or `default` given
  SourceLocation location;
};

struct ArgoTemplate {
  std::string name;
  SourceLocation location;
  std::string kind;  // container, script, dag, steps, resource, suspend, containerSet, ...
  std::vector<ArgoInput> inputs;
};

struct ArgoCall {
  enum class Site { DagTask, Step };
  Site site = Site::DagTask;
  size_t caller = 0;  // index of the calling template
  size_t group = 0;   // steps: index of the parallel group
  size_t index = 0;   // task or step index
  std::string name;   // task or step name
  SourceLocation location;
  std::string callee;  // template name; empty for templateRef/inline
  SourceLocation callee_location;
  std::set<std::string> passed;                                      // argument parameter names
  std::vector<std::pair<std::string, SourceLocation>> dependencies;  // DAG only
};

struct ArgoWiring {
  size_t call;  // index into ArgoGraph::calls
  std::string input;
};

struct ArgoGraph {
  std::vector<ArgoTemplate> templates;
  std::map<std::string, size_t> by_name;  // first template of each name
  std::vector<ArgoCall> calls;
  std::vector<std::pair<std::string, SourceLocation>> roots;  // entrypoint, onExit, hooks
  std::set<std::string> reachable;
  std::vector<ArgoWiring> wirings;
};

// `parameter_names`: the service's parameters (workflow arguments).
ArgoGraph analyze_argo(const ArgoController& argo, const std::set<std::string>& parameter_names);

// Task names referenced by a DAG `depends` expression ("a.Succeeded && !b").
std::vector<std::string> depends_task_names(std::string_view expression);

}  // namespace ivcapgen::model
