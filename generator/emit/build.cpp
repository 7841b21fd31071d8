#include "emit/build.h"

#include "emit/emitters.h"

namespace ivcapgen::emit {

output::OutputTree build_outputs(const model::Model& m) {
  output::OutputTree tree;
  emit_plan_input(m, tree);
  emit_catalog(m, tree);
  emit_helm_releases(m, tree);
  emit_local_runtime(m, tree);
  emit_terraform(m, tree);
  emit_namespaces(m, tree);
  emit_runtime(m, tree);
  emit_workflow_templates(m, tree);
  emit_apps(m, tree);
  tree.add_manifest(m.name());
  return tree;
}

}  // namespace ivcapgen::emit
