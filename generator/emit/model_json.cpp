#include "emit/model_json.h"

#include "model/schema_urn.h"

namespace ivcapgen::emit {

namespace {

using model::Located;
using spec::SourceNode;

class JsonWriter;

Json value_json(const Located<std::string>& v) {
  return v.value;
}
Json value_json(const Located<int64_t>& v) {
  return v.value;
}
Json value_json(const Located<bool>& v) {
  return v.value;
}
Json value_json(const SourceNode& v) {
  return node_to_json(v);
}
Json value_json(const Located<model::ScalarValue>& v);
Json value_json(const Located<model::SecretRef>& v);
template <class T>
Json value_json(const Located<std::vector<T>>& v);
template <class T>
Json value_json(const Located<std::map<std::string, T>>& v);
template <class T>
auto value_json(const Located<T>& v)
    -> decltype(describe(std::declval<JsonWriter&>(), const_cast<T&>(v.value)), Json());

// Leaves out what was neither written nor defaulted to something.
bool is_empty(const Json& j) {
  return j.is_null() || (j.is_string() && j.get_ref<const std::string&>().empty()) ||
         ((j.is_object() || j.is_array()) && j.empty());
}

class JsonWriter {
 public:
  [[maybe_unused]] static constexpr bool kDecoding = false;
  template <class T>
  void field(std::string_view key, T& value, const model::FieldDoc& = {}) {
    Json j = value_json(value);
    if (!is_empty(j)) out[std::string(key)] = std::move(j);
  }
  Json out = Json::object();
};

// describe() takes non-const references because the decoder fills them;
// the writer only reads.
template <class T>
Json struct_json(const T& value) {
  JsonWriter w;
  describe(w, const_cast<T&>(value));
  return std::move(w.out);
}

Json value_json(const Located<model::ScalarValue>& v) {
  if (v->is_string) return v->text;
  return node_to_json(SourceNode::scalar(v->text));
}

Json value_json(const Located<model::SecretRef>& v) {
  return {{"ref", v->ref.value}};
}

template <class T>
Json value_json(const Located<std::vector<T>>& v) {
  Json j = Json::array();
  for (const auto& item : v.value) j.push_back(value_json(item));
  return j;
}

template <class T>
Json value_json(const Located<std::map<std::string, T>>& v) {
  Json j = Json::object();
  for (const auto& [key, item] : v.value) j[key] = value_json(item);
  return j;
}

template <class T>
auto value_json(const Located<T>& v)
    -> decltype(describe(std::declval<JsonWriter&>(), const_cast<T&>(v.value)), Json()) {
  return struct_json(v.value);
}

}  // namespace

Json node_to_json(const SourceNode& n) {
  switch (n.kind) {
    case SourceNode::Kind::Null:
      return nullptr;
    case SourceNode::Kind::Sequence: {
      Json j = Json::array();
      for (const auto& item : n.items) j.push_back(node_to_json(item));
      return j;
    }
    case SourceNode::Kind::Mapping: {
      Json j = Json::object();
      for (const auto& m : n.items) j[m.key] = node_to_json(m);
      return j;
    }
    case SourceNode::Kind::Scalar:
      break;
  }
  switch (n.scalar_type()) {
    case SourceNode::ScalarType::Null:
      return nullptr;
    case SourceNode::ScalarType::Boolean:
      return n.text[0] == 't' || n.text[0] == 'T';
    case SourceNode::ScalarType::Integer:
      try {
        return std::stoll(n.text, nullptr, 0);
      } catch (const std::exception&) {
        return n.text;
      }
    case SourceNode::ScalarType::Float:
      try {
        return std::stod(n.text);
      } catch (const std::exception&) {
        return n.text;
      }
    case SourceNode::ScalarType::String:
      break;
  }
  return n.text;
}

Json environment_json(const model::Environment& env) {
  return struct_json(env);
}

Json controller_json(const model::Controller& c) {
  const auto& info = model::controller_info(c.model);
  Json j;
  j["$schema"] = c.model == model::ControllerModel::Unknown
                     ? c.schema.value
                     : model::controller_schema_urn(info.name);
  Json body;
  using M = model::ControllerModel;
  switch (c.model) {
    case M::Basic:
    case M::Batch:
      body = struct_json(c.basic);
      break;
    case M::ArgoWf:
    case M::Argo:
      body = struct_json(c.argo);
      body.erase("workflow");  // unpacked into the fields above
      break;
    case M::AppServer:
      body = struct_json(c.app);
      break;
    case M::Rest:
    case M::Dynamic:
      body = struct_json(c.rest);
      break;
    case M::ServiceProxy:
      body = struct_json(c.proxy);
      break;
    case M::Unknown:
      break;
  }
  for (auto& [k, v] : body.items()) j[k] = v;
  return j;
}

Json service_json(const model::Service& service) {
  const auto& s = service.spec.value;
  Json j;
  j["$schema"] = model::kServiceSchema2;
  j["id"] = service.id;
  j["name"] = s.name.value;
  j["description"] = s.description.value;
  Json params = value_json(s.parameters);
  j["parameters"] = params;
  if (!s.policy->empty()) j["policy"] = s.policy.value;
  j["controller"] = controller_json(s.controller.value);
  if (!s.contact.is_null()) j["contact"] = node_to_json(s.contact);
  if (!s.license->empty()) j["license"] = s.license.value;
  if (!s.tags->empty()) j["tags"] = value_json(s.tags);
  if (!s.egress->empty()) j["egress"] = value_json(s.egress);
  return j;
}

}  // namespace ivcapgen::emit
