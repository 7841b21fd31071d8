#include "spec/argo_controller.h"

#include "diag/suggest.h"
#include "spec/argo/argo_schema.h"

namespace ivcapgen::spec {

namespace {

using model::ArgoController;

// The struct member of each allowed workflow-level field.
SourceNode* workflow_field(ArgoController& a, std::string_view name) {
  if (name == "arguments") return &a.arguments;
  if (name == "onExit") return &a.on_exit;
  if (name == "hooks") return &a.hooks;
  if (name == "volumes") return &a.volumes;
  if (name == "volumeClaimTemplates") return &a.volume_claim_templates;
  if (name == "templateDefaults") return &a.template_defaults;
  if (name == "parallelism") return &a.parallelism;
  if (name == "activeDeadlineSeconds") return &a.active_deadline_seconds;
  if (name == "podGC") return &a.pod_gc;
  if (name == "ttlStrategy") return &a.ttl_strategy;
  if (name == "retryStrategy") return &a.retry_strategy;
  return nullptr;
}

void unpack_metadata(ArgoController& argo, const SourceNode& metadata, diag::DiagnosticSink& sink) {
  for (const SourceNode& m : metadata.items) {
    if (m.key == "labels") {
      argo.workflow_labels = m;
    } else if (m.key == "annotations") {
      argo.workflow_annotations = m;
    } else if (m.key == "generateName" || m.key == "name") {
      auto& d = sink.note(m.key_location, "workflow metadata." + m.key +
                                              " is dropped: the WorkflowTemplate is named after "
                                              "the service");
      d.rule = "argo-sdk-form";
    } else {
      auto& d = sink.error(m.key_location, "unsupported key '" + m.key + "' in workflow metadata");
      d.note = "only labels and annotations are kept";
      d.rule = "argo-sdk-form";
    }
  }
}

// The IVCAP SDK form `workflow: <a whole Argo Workflow>` becomes the ADR form.
void unpack_sdk_workflow(ArgoController& argo, diag::DiagnosticSink& sink) {
  const SourceNode wf = argo.workflow;
  if (!wf.is_mapping()) {
    sink.error(wf.location,
               "expected a mapping (an Argo Workflow) for workflow, got " + wf.describe())
        .rule = "argo-sdk-form";
    return;
  }
  if (argo.entrypoint.present || argo.templates.present) {
    sink.error(wf.key_location,
               "give either 'workflow' (SDK form) or 'entrypoint' and "
               "'templates', not both")
        .rule = "argo-sdk-form";
    return;
  }
  const SourceNode* spec = nullptr;
  for (const SourceNode& m : wf.items) {
    if (m.key == "apiVersion" || m.key == "kind") continue;
    if (m.key == "metadata" && m.is_mapping()) {
      unpack_metadata(argo, m, sink);
    } else if (m.key == "spec" && m.is_mapping()) {
      spec = &m;
    } else {
      sink.error(m.key_location, "unsupported key '" + m.key + "' in workflow").rule =
          "argo-sdk-form";
    }
  }
  if (!spec) {
    sink.error(wf.location, "workflow needs a 'spec' mapping").rule = "argo-sdk-form";
    return;
  }
  for (const SourceNode& m : spec->items) {
    if (m.key == "entrypoint") {
      if (m.is_scalar()) {
        argo.entrypoint.value = m.text;
        argo.entrypoint.location = m.location;
        argo.entrypoint.present = true;
      } else {
        sink.error(m.location, "expected a string for entrypoint, got " + m.describe()).rule =
            "decode";
      }
    } else if (m.key == "templates") {
      if (!m.is_sequence()) {
        sink.error(m.location, "expected a list for templates, got " + m.describe()).rule =
            "decode";
        continue;
      }
      argo.templates.value = m.items;
      argo.templates.location = m.location;
      argo.templates.present = true;
    } else if (SourceNode* field = workflow_field(argo, m.key)) {
      *field = m;
    } else {
      if (argo.rejected_workflow_fields.is_null()) {
        argo.rejected_workflow_fields = SourceNode::mapping(spec->location);
      }
      argo.rejected_workflow_fields.items.push_back(m);
    }
  }
}

}  // namespace

const std::vector<std::string_view>& allowed_workflow_fields() {
  static const std::vector<std::string_view> kAllowed = {"arguments",
                                                         "onExit",
                                                         "hooks",
                                                         "volumes",
                                                         "volumeClaimTemplates",
                                                         "templateDefaults",
                                                         "parallelism",
                                                         "activeDeadlineSeconds",
                                                         "podGC",
                                                         "ttlStrategy",
                                                         "retryStrategy"};
  return kAllowed;
}

void check_argo_controller(ArgoController& argo, diag::DiagnosticSink& sink) {
  if (!argo.workflow.is_null()) unpack_sdk_workflow(argo, sink);
  for (size_t i = 0; i < argo.templates->size(); ++i) {
    argo::check(argo.templates.value[i], argo::kTemplate, sink,
                "controller.templates[" + std::to_string(i) + "]");
  }
  // The workflow-level fields, checked together as the WorkflowSpec they
  // will become (each keeps its own location).
  SourceNode spec = SourceNode::mapping();
  for (std::string_view name : allowed_workflow_fields()) {
    const SourceNode* field = workflow_field(argo, name);
    if (field && !field->is_null()) spec.set(std::string(name), *field);
  }
  if (!spec.items.empty()) argo::check(spec, argo::kWorkflowSpec, sink, "controller");
}

}  // namespace ivcapgen::spec
