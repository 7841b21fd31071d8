// The dispatcher: turns orders into Argo Workflows in the services
// namespace (the only runtime component with an API token; its Role is in
// isolation/rbac.cpp) and starts scale-to-zero services on request.
#include "emit/kubernetes/objects.h"
#include "emit/kubernetes/runtime/components.h"
#include "emit/kubernetes/runtime/workload.h"

namespace ivcapgen::emit::k8s {

std::vector<Json> dispatcher_objects(const model::Model& m) {
  const auto& spec = m.env().runtime->dispatcher.value;
  RuntimeWorkload w;
  w.name = kDispatcherName;
  w.component = "dispatcher";
  w.port = kDispatcherPort;
  w.replicas = *spec.replicas;
  w.resources = spec.resources.present ? &spec.resources.value : nullptr;
  w.api_token = true;
  w.config = {{"listen", "0.0.0.0:" + std::to_string(kDispatcherPort)},
              {"project", *m.env().project},
              {"servicesNamespace", *m.env().namespaces->services},
              {"workflowServiceAccount", kWorkflowServiceAccount},
              {"gatewayUrl", gateway_url(m)},
              {"exitHandlerUrl", exit_handler_url(m)},
              {"dataProxy",
               {{"mode", *m.env().runtime->data_proxy->mode}, {"serviceUrl", data_proxy_url(m)}}}};
  return deployment_objects(m, w);
}

}  // namespace ivcapgen::emit::k8s
