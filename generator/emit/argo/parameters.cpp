// Service parameters as workflow arguments (SPEC 2.3, 2.4): what the
// dispatcher fills in from an order, with defaults, option values as an
// Argo `enum`. An artifact or collection parameter is a string like any
// other: the URN the order names, which the service resolves through the
// data proxy.
#include "emit/argo/workflow_parts.h"

namespace ivcapgen::emit::workflows {

namespace {

Json service_parameter(const model::Parameter& p) {
  Json j;
  j["name"] = *p.name;
  if (p.default_value.present) {
    j["value"] = p.default_value->text;  // Argo parameter values are strings
  } else if (*p.optional) {
    j["value"] = "";  // may be left out of an order: as the local dispatcher does
  }
  if (*p.type == "option" && !p.options->empty()) {
    Json values = Json::array();
    for (const auto& o : *p.options) values.push_back(*o->value);
    j["enum"] = std::move(values);
  }
  if (!p.description->empty()) j["description"] = *p.description;
  return j;
}

const Json* user_parameters(const Json& user_arguments) {
  if (!user_arguments.is_object()) return nullptr;
  auto it = user_arguments.find("parameters");
  return it != user_arguments.end() && it->is_array() ? &*it : nullptr;
}

}  // namespace

std::set<std::string> argument_names(const model::Service& s) {
  std::set<std::string> out;
  for (const auto& p : *s.spec->parameters) out.insert(*p->name);
  const spec::SourceNode& args = s.controller().argo.arguments;
  if (const spec::SourceNode* params = args.find("parameters"); params && params->is_sequence()) {
    for (const auto& p : params->items) {
      if (const spec::SourceNode* n = p.find("name"); n && n->is_scalar()) out.insert(n->text);
    }
  }
  return out;
}

Json workflow_arguments(const model::Service& s, const Json& user_arguments) {
  const Json* user = user_parameters(user_arguments);
  Json parameters = Json::array();
  std::set<std::string> names;
  for (const auto& p : *s.spec->parameters) {
    Json j = service_parameter(p.value);
    if (user) {
      for (const auto& u : *user) {
        if (!u.is_object() || u.value("name", "") != *p->name) continue;
        for (const auto& [key, value] : u.items()) j[key] = value;
      }
    }
    names.insert(*p->name);
    parameters.push_back(std::move(j));
  }
  if (user) {
    for (const auto& u : *user) {
      if (!u.is_object() || !names.insert(u.value("name", "")).second) continue;
      parameters.push_back(u);
    }
  }
  Json out = Json::object();
  if (!parameters.empty()) out["parameters"] = std::move(parameters);
  if (user_arguments.is_object()) {
    for (const auto& [key, value] : user_arguments.items()) {
      if (key != "parameters") out[key] = value;
    }
  }
  return out;
}

Json wired_parameter(const std::string& name) {
  return {{"name", name}, {"value", "{{workflow.parameters." + name + "}}"}};
}

void add_argument(Json& call, Json parameter) {
  Json& arguments = call["arguments"];
  if (!arguments.is_object()) arguments = Json::object();
  Json& parameters = arguments["parameters"];
  if (!parameters.is_array()) parameters = Json::array();
  parameters.push_back(std::move(parameter));
}

}  // namespace ivcapgen::emit::workflows
