#include "emit/build.h"

#include <array>

#include "emit/emitters.h"
#include "support/parallel.h"

namespace ivcapgen::emit {

output::OutputTree build_outputs(const model::Model& m) {
  using Emitter = void (*)(const model::Model&, output::OutputTree&);
  // Independent of each other: each reads the model and fills its own tree;
  // the trees are merged in this order, so the output does not depend on
  // the threads. The largest come first to keep the cores evenly busy.
  static constexpr std::array<Emitter, 9> kEmitters = {
      emit_workflow_templates, emit_namespaces, emit_apps,          emit_catalog,
      emit_plan_input,         emit_runtime,    emit_helm_releases, emit_local_runtime,
      emit_terraform,
  };
  std::array<output::OutputTree, kEmitters.size()> parts;
  support::parallel_for(kEmitters.size(), [&](size_t, size_t i) { kEmitters[i](m, parts[i]); });
  output::OutputTree tree;
  for (auto& part : parts) tree.merge(std::move(part));
  tree.add_manifest(m.name());
  return tree;
}

}  // namespace ivcapgen::emit
