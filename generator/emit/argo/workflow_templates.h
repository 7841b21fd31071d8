#pragma once
// k8s/20-workflowtemplates/<service>.yaml (wave 5): one Argo WorkflowTemplate
// per basic/batch and argo-wf/argo service, named <project>-<name> in the
// services namespace, which the dispatcher submits an order against; in
// sidecar mode preceded by the ConfigMap of the service's data proxy
// sidecars (SPEC 2.3, 2.4, 3).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/model.h"

namespace ivcapgen::emit::workflows {

// True for the controllers that run as Argo workflows.
bool runs_as_workflow(const model::Service& s);
std::string workflow_template_path(const model::Service& s);
// The objects of a service's file: [ConfigMap (sidecar mode),] WorkflowTemplate.
std::vector<nlohmann::ordered_json> workflow_template_objects(const model::Model& m,
                                                              const model::Service& s);

}  // namespace ivcapgen::emit::workflows
