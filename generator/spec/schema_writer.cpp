#include "spec/schema_writer.h"

#include <stdexcept>

#include "model/environment.h"
#include "model/schema_urn.h"
#include "model/service.h"

namespace ivcapgen::spec {

namespace {

using Json = nlohmann::ordered_json;
using model::FieldDoc;
using model::Located;

class SchemaWriter;

Json schema_for(Located<std::string>& v, const FieldDoc& doc);
Json schema_for(Located<int64_t>& v, const FieldDoc& doc);
Json schema_for(Located<bool>& v, const FieldDoc& doc);
Json schema_for(SourceNode& v, const FieldDoc& doc);
Json schema_for(Located<model::ScalarValue>& v, const FieldDoc& doc);
Json schema_for(Located<model::ParameterOption>& v, const FieldDoc& doc);
Json schema_for(Located<model::SecretRef>& v, const FieldDoc& doc);
Json schema_for(Located<model::Controller>& v, const FieldDoc& doc);
template <class T>
Json schema_for(Located<std::vector<T>>& v, const FieldDoc& doc);
template <class T>
Json schema_for(Located<std::map<std::string, T>>& v, const FieldDoc& doc);
template <class T>
auto schema_for(Located<T>& v, const FieldDoc& doc)
    -> decltype(describe(std::declval<SchemaWriter&>(), v.value), Json());

// Visits a default-constructed struct: member initialisers are the defaults.
class SchemaWriter {
 public:
  [[maybe_unused]] static constexpr bool kDecoding = false;

  template <class T>
  void field(std::string_view key, T& value, const FieldDoc& doc = {}) {
    properties_[std::string(key)] = schema_for(value, doc);
    if (doc.required) required_.push_back(std::string(key));
  }

  Json object(std::string_view description = {}) const {
    Json j;
    j["type"] = "object";
    if (!description.empty()) j["description"] = description;
    j["properties"] = properties_;
    if (!required_.empty()) j["required"] = required_;
    j["additionalProperties"] = false;
    return j;
  }

 private:
  Json properties_ = Json::object();
  Json required_ = Json::array();
};

Json base(std::string_view type, const FieldDoc& doc) {
  Json j;
  if (!type.empty()) j["type"] = type;
  if (!doc.text.empty()) j["description"] = doc.text;
  return j;
}

Json schema_for(Located<std::string>& v, const FieldDoc& doc) {
  Json j = base("string", doc);
  if (!doc.choices.empty()) {
    j["enum"] = Json::array();
    for (auto c : doc.choices) j["enum"].push_back(c);
  }
  if (!v.value.empty()) j["default"] = v.value;
  return j;
}

Json schema_for(Located<int64_t>& v, const FieldDoc& doc) {
  Json j = base("integer", doc);
  j["default"] = v.value;
  return j;
}

Json schema_for(Located<bool>& v, const FieldDoc& doc) {
  Json j = base("boolean", doc);
  j["default"] = v.value;
  return j;
}

Json schema_for(SourceNode&, const FieldDoc& doc) {
  return base("", doc);
}

Json schema_for(Located<model::ScalarValue>&, const FieldDoc& doc) {
  Json j = base("", doc);
  j["type"] = {"string", "number", "boolean"};
  return j;
}

Json schema_for(Located<model::ParameterOption>& v, const FieldDoc& doc) {
  SchemaWriter w;
  describe(w, v.value);
  Json j = base("", doc);
  j["anyOf"] = {Json{{"type", "string"}}, w.object()};
  return j;
}

Json schema_for(Located<model::SecretRef>& v, const FieldDoc& doc) {
  SchemaWriter w;
  describe(w, v.value);
  return w.object(doc.text);
}

// One branch per controller model, selected by the `$schema` spellings.
Json schema_for(Located<model::Controller>&, const FieldDoc& doc) {
  Json j = base("object", doc);
  j["required"] = {"$schema"};
  Json branches = Json::array();
  std::vector<std::string> all_urns;
  for (const auto& info : model::known_controllers()) {
    std::string adr = model::controller_schema_urn(info.name);
    std::string sdk = "urn:ivcap:schema.service." + std::string(info.name) + ".1";
    all_urns.push_back(adr);
    all_urns.push_back(sdk);
    SchemaWriter w;
    model::Controller c;
    Located<std::string> schema;
    w.field("$schema", schema, {"Controller schema", true});
    using M = model::ControllerModel;
    switch (info.model) {
      case M::Basic:
      case M::Batch:
        describe(w, c.basic);
        break;
      case M::ArgoWf:
      case M::Argo:
        describe(w, c.argo);
        break;
      case M::AppServer:
        describe(w, c.app);
        break;
      case M::Rest:
      case M::Dynamic:
        describe(w, c.rest);
        break;
      case M::ServiceProxy:
        describe(w, c.proxy);
        break;
      case M::Unknown:
        break;
    }
    Json branch;
    branch["if"] = {{"properties", {{"$schema", {{"enum", {adr, sdk}}}}}}};
    branch["then"] = w.object(std::string(info.name) + " controller");
    branches.push_back(std::move(branch));
  }
  j["properties"] = {{"$schema", {{"type", "string"}, {"enum", all_urns}}}};
  j["allOf"] = std::move(branches);
  return j;
}

template <class T>
Json schema_for(Located<std::vector<T>>&, const FieldDoc& doc) {
  Json j = base("array", doc);
  T item{};
  j["items"] = schema_for(item, FieldDoc{"", false, doc.choices});
  return j;
}

template <class T>
Json schema_for(Located<std::map<std::string, T>>&, const FieldDoc& doc) {
  Json j = base("object", doc);
  T item{};
  j["additionalProperties"] = schema_for(item, FieldDoc{});
  return j;
}

template <class T>
auto schema_for(Located<T>& v, const FieldDoc& doc)
    -> decltype(describe(std::declval<SchemaWriter&>(), v.value), Json()) {
  SchemaWriter w;
  describe(w, v.value);
  return w.object(doc.text);
}

template <class T>
Json document_schema(std::string_view title, std::string_view id) {
  Located<T> doc;
  Json j;
  j["$schema"] = "http://json-schema.org/draft-07/schema#";
  j["$id"] = std::string("https://ivcapgen.dev/schemas/") + std::string(id) + ".json";
  j["title"] = title;
  Json body = schema_for(doc, FieldDoc{});
  for (auto& [k, v] : body.items()) j[k] = v;
  return j;
}

}  // namespace

nlohmann::ordered_json json_schema(std::string_view document) {
  if (document == "environment") {
    return document_schema<model::Environment>("ivcapgen Environment", "environment");
  }
  if (document == "overlay") return document_schema<model::Overlay>("ivcapgen Overlay", "overlay");
  if (document == "service") {
    Json j = document_schema<model::ServiceSpec>("IVCAP service description", "service");
    j["properties"]["$schema"]["enum"] = {
        "urn:ivcap:schema:service.2", "urn:ivcap:schema.service.2", "urn:ivcap:schema:service.1"};
    return j;
  }
  throw std::invalid_argument("unknown document type");
}

}  // namespace ivcapgen::spec
