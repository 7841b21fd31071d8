#include "emit/kubernetes/runtime.h"

#include "emit/emitters.h"
#include "emit/kubernetes/objects.h"
#include "emit/kubernetes/runtime/components.h"
#include "emit/waves.h"

namespace ivcapgen::emit {

namespace k8s {

std::vector<Json> runtime_objects(const model::Model& m) {
  std::vector<Json> out;
  for (auto part :
       {data_proxy_objects, exit_handler_objects, dispatcher_objects, gateway_objects}) {
    for (auto& o : part(m)) out.push_back(std::move(o));
  }
  return out;
}

}  // namespace k8s

void emit_runtime(const model::Model& m, output::OutputTree& tree) {
  tree.add_objects(std::string(k8s::kRuntimeFile), kWaveRuntime, k8s::runtime_objects(m));
}

}  // namespace ivcapgen::emit
