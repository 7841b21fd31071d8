// basic/batch services (SPEC 2.3, seed 002): one container template `main`
// built from the controller. The sandbox (security context, IVCAP_* env,
// data proxy) is added by harden_pod_templates like for any user template;
// what only the controller knows is here: resources in IVCAP's two forms,
// GPUs and their node pool, and /dev/shm.
#include "emit/argo/service_pod.h"
#include "emit/argo/workflow_parts.h"

namespace ivcapgen::emit::workflows {

namespace {

Json text_list(const model::TextList& list) {
  Json out = Json::array();
  for (const auto& item : *list) out.push_back(*item);
  return out;
}

}  // namespace

Json basic_main_template(const model::Model& m, const model::Service& s) {
  const model::BasicController& c = s.controller().basic;
  Json container;
  container["image"] = *c.image;
  if (!c.image_pull_policy->empty()) container["imagePullPolicy"] = *c.image_pull_policy;
  if (!c.command->empty()) container["command"] = text_list(c.command);
  if (!c.args->empty()) container["args"] = text_list(c.args);
  if (!c.env->empty()) container["env"] = k8s::env_list(c.env);
  container["resources"] = k8s::controller_resources(m, c.res);
  if (!c.res.shared_memory->empty()) {
    container["volumeMounts"] = Json::array({k8s::shared_memory_mount()});
  }

  Json t;
  t["name"] = kBasicEntrypoint;
  t["container"] = std::move(container);
  if (const model::NodePool* pool = k8s::gpu_pool(m, c.res)) {
    Json selector = k8s::pool_node_selector(*pool);
    if (!selector.empty()) t["nodeSelector"] = std::move(selector);
    Json tolerations = k8s::pool_tolerations(*pool);
    if (!tolerations.empty()) t["tolerations"] = std::move(tolerations);
  }
  return t;
}

}  // namespace ivcapgen::emit::workflows
