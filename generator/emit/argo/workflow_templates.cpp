// Assembles each workflow service's WorkflowTemplate from the parts in
// workflow_parts.h. Pod-level settings that hold for every template of a
// service live on the workflow spec: the restricted pod security context,
// the workflow ServiceAccount, the pod labels the service's NetworkPolicy
// selects, and the volumes of the sandbox.
//
// automountServiceAccountToken is left at the ServiceAccount's setting
// (true): Argo 3.6's executor (the init and wait containers) reports
// outputs as WorkflowTaskResults through the API with that token. Argo
// could mount it into the executor only (automountServiceAccountToken:
// false plus executor.serviceAccountName), but then it reads a long-lived
// token Secret named `<account>.service-account-token`, which the
// namespaces emitter does not create; the NetworkPolicies already keep
// service pods away from everything but the platform's endpoints.
#include "emit/argo/workflow_templates.h"

#include "emit/argo/service_pod.h"
#include "emit/argo/workflow_parts.h"
#include "emit/emitters.h"
#include "emit/kubernetes/objects.h"
#include "emit/model_json.h"
#include "emit/waves.h"

namespace ivcapgen::emit {

namespace workflows {

namespace {

using model::ControllerModel;

constexpr std::string_view kComponent = "workflow";

// Labels or annotations from the SDK form's Workflow metadata: strings only.
Json string_map(const spec::SourceNode& node) {
  Json out = Json::object();
  if (!node.is_mapping()) return out;
  for (const auto& member : node.items) {
    out[member.key] = member.is_scalar() ? member.text : node_to_json(member).dump();
  }
  return out;
}

// ivcapgen's entries first; the user's after them unless they clash.
Json with_user_entries(Json ours, const Json& user) {
  for (const auto& [key, value] : user.items()) {
    if (!ours.contains(key)) ours[key] = value;
  }
  return ours;
}

struct WorkflowParts {
  std::string entrypoint;
  Json arguments = Json::object();
  Json fields = Json::object();  // user workflow-level fields
  Json templates = Json::array();
  std::string shared_memory;
  std::optional<UserExitHandler> user_exit;
};

Json workflow_spec(const model::Model& m, const model::Service& s, WorkflowParts parts) {
  Json spec;
  spec["entrypoint"] = parts.entrypoint;
  if (!parts.arguments.empty()) spec["arguments"] = std::move(parts.arguments);
  spec["serviceAccountName"] = k8s::kWorkflowServiceAccount;
  spec["securityContext"] = k8s::restricted_pod_security_context();
  spec["podMetadata"] = {{"labels", k8s::service_pod_labels(m, s, kComponent)}};
  spec["onExit"] = parts.user_exit ? kOnExitTemplate : kExitHandlerTemplate;
  if (parts.fields.contains("hooks")) spec["hooks"] = parts.fields["hooks"];
  Json volumes = parts.fields.contains("volumes") ? parts.fields["volumes"] : Json::array();
  for (auto& v : k8s::service_volumes(m, s, parts.shared_memory)) volumes.push_back(std::move(v));
  spec["volumes"] = std::move(volumes);
  for (const auto& [key, value] : parts.fields.items()) {
    if (key != "hooks" && key != "volumes") spec[key] = value;
  }

  const Json defaults =
      parts.fields.contains("templateDefaults") ? parts.fields["templateDefaults"] : Json();
  harden_pod_templates(m, s, parts.templates, defaults);
  if (parts.user_exit) parts.templates.push_back(on_exit_template(*parts.user_exit));
  parts.templates.push_back(exit_handler_template(m, s));
  spec["templates"] = std::move(parts.templates);
  return spec;
}

WorkflowParts basic_parts(const model::Model& m, const model::Service& s) {
  WorkflowParts p;
  p.entrypoint = kBasicEntrypoint;
  p.arguments = workflow_arguments(s, Json());
  p.templates.push_back(basic_main_template(m, s));
  p.shared_memory = *s.controller().basic.res.shared_memory;
  return p;
}

WorkflowParts argo_parts(const model::Service& s) {
  UserWorkflow w = user_workflow(s);
  WorkflowParts p;
  p.entrypoint = *s.controller().argo.entrypoint;
  p.arguments = workflow_arguments(s, w.arguments);
  p.fields = std::move(w.fields);
  p.templates = std::move(w.templates);
  p.user_exit = std::move(w.exit_handler);
  return p;
}

Json workflow_template(const model::Model& m, const model::Service& s) {
  const std::string name = model::service_object_name(m, s);
  const auto& argo = s.controller().argo;
  Json labels = with_user_entries(k8s::standard_labels(m, name, kComponent, &s),
                                  string_map(argo.workflow_labels));
  Json annotations =
      with_user_entries(k8s::service_annotations(s), string_map(argo.workflow_annotations));
  Json wt = k8s::object(kApiVersion, "WorkflowTemplate", name, *m.env().namespaces->services,
                        std::move(labels), std::move(annotations));
  bool basic = s.controller().model == ControllerModel::Basic ||
               s.controller().model == ControllerModel::Batch;
  wt["spec"] = workflow_spec(m, s, basic ? basic_parts(m, s) : argo_parts(s));
  return wt;
}

}  // namespace

bool runs_as_workflow(const model::Service& s) {
  switch (s.controller().model) {
    case ControllerModel::Basic:
    case ControllerModel::Batch:
    case ControllerModel::ArgoWf:
    case ControllerModel::Argo:
      return true;
    default:
      return false;
  }
}

std::string workflow_template_path(const model::Service& s) {
  return "k8s/20-workflowtemplates/" + s.name() + ".yaml";
}

std::vector<Json> workflow_template_objects(const model::Model& m, const model::Service& s) {
  std::vector<Json> out;
  if (k8s::uses_proxy_sidecar(m)) out.push_back(k8s::data_proxy_config_map(m, s));
  out.push_back(workflow_template(m, s));
  return out;
}

}  // namespace workflows

void emit_workflow_templates(const model::Model& m, output::OutputTree& tree) {
  for (const auto& s : m.services) {
    if (!workflows::runs_as_workflow(s)) continue;
    tree.add_objects(workflows::workflow_template_path(s), kWaveServices,
                     workflows::workflow_template_objects(m, s));
  }
}

}  // namespace ivcapgen::emit
