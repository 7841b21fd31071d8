// Decoders for the few model types whose YAML form is not a plain struct.
#include "model/environment.h"
#include "model/schema_urn.h"
#include "model/service.h"
#include "spec/decoder.h"

namespace ivcapgen::spec {

void decode_value(const SourceNode& n, Located<model::ScalarValue>& out, DecodeContext& ctx,
                  const FieldDoc&, std::string_view what) {
  out.location = n.location;
  out.present = true;
  if (!n.is_scalar()) {
    report_type_mismatch(n, ctx, "a string, number or boolean", what);
    return;
  }
  out.value.text = n.text;
  out.value.is_string = n.scalar_type() == SourceNode::ScalarType::String;
}

// Options are {value, description} or, for short lists, plain strings.
void decode_value(const SourceNode& n, Located<model::ParameterOption>& out, DecodeContext& ctx,
                  const FieldDoc& doc, std::string_view what) {
  if (n.is_scalar()) {
    out.location = n.location;
    out.present = true;
    decode_value(n, out.value.value, ctx, doc, what);
    return;
  }
  out.location = n.location;
  out.present = true;
  if (!n.is_mapping()) {
    report_type_mismatch(n, ctx, "a string or a mapping {value, description}", what);
    return;
  }
  StructDecoder d(n, ctx, what);
  describe(d, out.value);
  d.finish();
}

// A secret must be a reference. A literal (a plain string, or `value:`) is a
// policy error whose source line is never shown.
void decode_value(const SourceNode& n, Located<model::SecretRef>& out, DecodeContext& ctx,
                  const FieldDoc&, std::string_view what) {
  out.location = n.location;
  out.present = true;
  const SourceNode* literal = nullptr;
  if (n.is_scalar()) {
    literal = &n;
  } else if (n.is_mapping()) {
    literal = n.find("value");
  }
  if (literal) {
    out.value.literal = true;
    auto& d = ctx.sink.policy(literal->location, "secret '" + std::string(what) +
                                                     "' is given as a literal value; secrets "
                                                     "must be references");
    d.note = "write `" + std::string(what) +
             ": {ref: \"azurekeyvault://VAULT/NAME\"}` (or aws-secretsmanager://, aws-ssm://, "
             "k8s-secret://) and keep the value in the secret store";
    d.redact_source = true;
    d.rule = "secret-literal";
    return;
  }
  if (!n.is_mapping()) {
    report_type_mismatch(n, ctx, "a mapping {ref: ...}", what);
    return;
  }
  StructDecoder d(n, ctx, what);
  describe(d, out.value);
  d.finish();
}

void decode_value(const SourceNode& n, Located<model::Controller>& out, DecodeContext& ctx,
                  const FieldDoc&, std::string_view what) {
  out.location = n.location;
  out.present = true;
  if (!n.is_mapping()) {
    report_type_mismatch(n, ctx, "a mapping", what);
    return;
  }
  model::Controller& c = out.value;
  StructDecoder d(n, ctx, "controller");
  d.field("$schema", c.schema, {"Controller schema URN", true});
  if (!c.schema.present || c.schema->empty()) return;
  auto info = model::parse_controller_schema(*c.schema);
  if (!info) {
    auto urns = model::known_controller_urns();
    auto& e = ctx.sink.error(c.schema.location, "unknown controller schema '" + *c.schema + "'");
    e.rule = "controller-schema";
    e.note = "known controller schemas: " + diag::join_alternatives(urns, ", ");
    if (auto s = diag::closest_match(*c.schema, urns)) e.suggestion = *s;
    return;  // without a model the other keys cannot be checked
  }
  c.model = info->model;
  using M = model::ControllerModel;
  switch (c.model) {
    case M::Basic:
    case M::Batch:
      describe(d, c.basic);
      break;
    case M::ArgoWf:
    case M::Argo:
      describe(d, c.argo);
      break;
    case M::AppServer:
      describe(d, c.app);
      break;
    case M::Rest:
    case M::Dynamic:
      describe(d, c.rest);
      break;
    case M::ServiceProxy:
      describe(d, c.proxy);
      break;
    case M::Unknown:
      break;
  }
  d.finish();
}

}  // namespace ivcapgen::spec
