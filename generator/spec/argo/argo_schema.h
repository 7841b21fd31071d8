#pragma once
// User-written Argo Workflows objects (templates, workflow-level fields, whole
// Workflows) checked strictly against Argo 3.6's field names and types, and
// converted to JSON typed by the same schema (SPEC 2.4). The schema is a table
// generated from Argo's JSON schema (argo_fields.inc, by gen_argo_fields.py),
// compiled in: nothing is read at run time.
//
// Types are named as in Argo's schema: "io.argoproj.workflow.v1alpha1.Template",
// "io.k8s.api.core.v1.Container", ...; "io.argoproj.workflow.v1alpha1.Workflow"
// and "...WorkflowTemplate" are the whole objects (a Workflow without `status`).
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "spec/node.h"

namespace ivcapgen::spec::argo {

inline constexpr std::string_view kTemplate = "io.argoproj.workflow.v1alpha1.Template";
inline constexpr std::string_view kWorkflowSpec = "io.argoproj.workflow.v1alpha1.WorkflowSpec";
inline constexpr std::string_view kWorkflow = "io.argoproj.workflow.v1alpha1.Workflow";
inline constexpr std::string_view kWorkflowTemplate =
    "io.argoproj.workflow.v1alpha1.WorkflowTemplate";

// Reports every problem of `node` as a `type` into `sink` (rule "argo-schema"):
// unknown fields (with did-you-mean), wrong types, nulls, enum values, quantity
// and other scalar syntax, missing required fields. `context` is the path of
// `node` in its document (e.g. "controller.templates[2]"); messages start with
// the path of the offending value below it. Returns true when nothing was
// reported. Throws std::invalid_argument when `type` is not in the schema.
bool check(const SourceNode& node, std::string_view type, diag::DiagnosticSink& sink,
           std::string_view context = {});

// `node` as JSON typed by the schema, members in the order written: integer
// and number fields as numbers, booleans as booleans, string fields as
// strings, int-or-string and quantity values as written (a plain 3 is a
// number, "3" or 500m a string), free-form parts by YAML 1.2 core resolution.
// Meant for trees that check() accepted; parts that do not fit the schema are
// converted by YAML 1.2 core resolution. Throws like check().
nlohmann::ordered_json to_json(const SourceNode& node, std::string_view type);

bool has_type(std::string_view type);

// "DAGTask" for "io.argoproj.workflow.v1alpha1.DAGTask" (and for the copies
// without required fields that templateDefaults uses, "...DAGTask.defaults").
std::string_view readable_name(std::string_view type);

// How a field holds values of a schema definition.
enum class Collection { None, List, Map };

struct FieldType {
  // The definition of the field's value, or of its items for a list or map;
  // empty when they are scalars or free-form.
  std::string_view definition;
  Collection collection = Collection::None;
  bool required = false;
};

// The field `field` of the object definition `object`; nullopt when either
// is unknown.
std::optional<FieldType> find_field(std::string_view object, std::string_view field);

// Shorthand: find_field(object, field)->definition, or "" when there is none.
// field_type(kTemplate, "container") == "io.k8s.api.core.v1.Container".
std::string_view field_type(std::string_view object, std::string_view field);

// The field names of an object definition, sorted; empty for unknown types.
std::vector<std::string_view> field_names(std::string_view object);

}  // namespace ivcapgen::spec::argo
