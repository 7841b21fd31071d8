#include "spec/service_decoder.h"

#include "model/schema_urn.h"
#include "spec/argo_controller.h"
#include "spec/decoder.h"

namespace ivcapgen::spec {

namespace {

std::string flow_list(const model::TextList& list) {
  std::string out = "[";
  for (size_t i = 0; i < list->size(); ++i) {
    out += (i ? ", \"" : "\"") + list.value[i].value + "\"";
  }
  return out + "]";
}

// service.1 `workflow: {type: basic, basic: {...}}` → controller basic.1.
void migrate_legacy(model::Service& service, diag::DiagnosticSink& sink) {
  auto& spec = service.spec.value;
  const auto& workflow = spec.workflow;
  // The warning is added last: a reference into the sink does not survive
  // the diagnostics added meanwhile (found by fuzz_service_decoder).
  auto warn = [&](std::string note) {
    auto& d =
        sink.warning(spec.schema.location, "legacy service.1 description migrated to service.2");
    d.rule = "legacy-service";
    d.note = std::move(note);
  };
  service.migrated_from_v1 = true;
  model::Controller& c = spec.controller.value;
  spec.controller.present = true;
  spec.controller.location = workflow.location;
  if (*workflow->type == "basic") {
    c.model = model::ControllerModel::Basic;
    c.schema.value = model::controller_schema_urn("basic");
    c.schema.location = workflow->type.location;
    c.basic = workflow->basic.value;
    std::string note = "write it as:\n$schema: " + std::string(model::kServiceSchema2) +
                       "\ncontroller:\n  $schema: " + c.schema.value +
                       "\n  image: " + c.basic.image.value;
    if (c.basic.command.present) note += "\n  command: " + flow_list(c.basic.command);
    if (!workflow->basic.present) {
      sink.error(workflow.location, "legacy workflow of type basic needs a 'basic' section").rule =
          "legacy-service";
    }
    warn(std::move(note));
    return;
  }
  c.model = model::ControllerModel::ArgoWf;
  c.schema.value = model::controller_schema_urn("argo-wf");
  c.schema.location = workflow->type.location;
  DecodeContext ctx{sink};
  Located<model::ArgoController> argo;
  if (workflow->argo.is_null()) {
    sink.error(workflow.location, "legacy workflow of type argo needs an 'argo' section").rule =
        "legacy-service";
  } else {
    decode_value(workflow->argo, argo, ctx, {}, "argo");
  }
  c.argo = argo.value;
  warn("write it as:\n$schema: " + std::string(model::kServiceSchema2) +
       "\ncontroller:\n  $schema: " + c.schema.value + "\n  entrypoint: ...\n  templates: [...]");
}

}  // namespace

std::optional<model::Service> decode_service(const SourceNode& doc, diag::DiagnosticSink& sink) {
  model::Service service;
  service.spec = decode_document<model::ServiceSpec>(doc, sink, "service");
  auto& spec = service.spec.value;
  if (!spec.schema.present) return service;  // missing $schema already reported
  int version = model::service_schema_version(*spec.schema);
  if (version == 0) {
    std::vector<std::string> known = {std::string(model::kServiceSchema2),
                                      "urn:ivcap:schema.service.2", "urn:ivcap:schema:service.1"};
    auto& d = sink.error(spec.schema.location, "unknown service schema '" + *spec.schema + "'");
    d.rule = "service-schema";
    d.note = "expected " + diag::join_alternatives(known);
    if (auto s = diag::closest_match(*spec.schema, known)) d.suggestion = *s;
    return service;
  }
  if (version == 1) {
    if (!spec.workflow.present) {
      sink.error(service.spec.location, "legacy service.1 description needs a 'workflow'").rule =
          "legacy-service";
      return service;
    }
    migrate_legacy(service, sink);
  } else {
    if (spec.workflow.present) {
      auto& d = sink.error(spec.workflow.location,
                           "'workflow' is the legacy service.1 form; service.2 uses 'controller'");
      d.rule = "legacy-service";
    }
    if (!spec.controller.present) {
      sink.error(service.spec.location, "missing required key 'controller' in service").rule =
          "decode";
    }
  }
  auto& c = spec.controller.value;
  if (c.model == model::ControllerModel::ArgoWf || c.model == model::ControllerModel::Argo) {
    check_argo_controller(c.argo, sink);
  }
  return service;
}

}  // namespace ivcapgen::spec
