// The exit handler: records how orders ended, reported by every
// workflow's `ivcap-exit-handler` template, and tells the gateway.
#include "emit/kubernetes/objects.h"
#include "emit/kubernetes/runtime/components.h"
#include "emit/kubernetes/runtime/workload.h"

namespace ivcapgen::emit::k8s {

std::vector<Json> exit_handler_objects(const model::Model& m) {
  const auto& spec = m.env().runtime->exit_handler.value;
  RuntimeWorkload w;
  w.name = kExitHandlerName;
  w.component = "exit-handler";
  w.port = kExitHandlerPort;
  w.replicas = *spec.replicas;
  w.resources = spec.resources.present ? &spec.resources.value : nullptr;
  w.config = {{"listen", "0.0.0.0:" + std::to_string(kExitHandlerPort)},
              {"gatewayUrl", gateway_url(m)}};
  return deployment_objects(m, w);
}

}  // namespace ivcapgen::emit::k8s
