#include "gateway/service_document.h"

#include <set>

#include "common/controller_schema.h"
#include "common/ivcap_urn.h"

namespace ivcap::runtime {

using nlohmann::json;

bool is_service_name(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  if (!(name.front() >= 'a' && name.front() <= 'z')) return false;
  if (name.back() == '-') return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

namespace {

std::string migrate_legacy(json& doc) {
  if (!doc.contains("workflow") || !doc["workflow"].is_object()) {
    return "legacy service.1 document without a 'workflow'";
  }
  const json& wf = doc["workflow"];
  if (wf.value("type", "") != "basic" || !wf.contains("basic") || !wf["basic"].is_object()) {
    return "legacy service.1 'workflow' can only be migrated from type 'basic'";
  }
  json controller = wf["basic"];
  controller["$schema"] = canonical_controller_schema(ControllerModel::Basic);
  doc["controller"] = controller;
  doc.erase("workflow");
  return {};
}

}  // namespace

std::variant<json, std::string> normalise_service_document(
    json doc, const std::string& project, const std::optional<std::string>& path_id) {
  if (!doc.is_object()) return std::string("service document must be a JSON object");
  if (!doc.contains("$schema") || !doc["$schema"].is_string()) {
    return std::string("missing '$schema' (urn:ivcap:schema:service.2)");
  }
  const std::string schema = doc["$schema"].get<std::string>();
  if (is_legacy_service1_schema(schema)) {
    if (auto why = migrate_legacy(doc); !why.empty()) return why;
  } else if (!is_service2_schema(schema)) {
    return "unsupported '$schema' '" + schema + "'; expected urn:ivcap:schema:service.2";
  }
  doc["$schema"] = std::string(kService2Schema);

  if (!doc.contains("name") || !doc["name"].is_string() ||
      !is_service_name(doc["name"].get<std::string>())) {
    return std::string(
        "'name' must be lowercase a-z, 0-9 and '-', start with a letter and not end with '-'");
  }
  if (!doc.contains("description") || !doc["description"].is_string() ||
      doc["description"].get<std::string>().empty()) {
    return std::string("'description' must be a non-empty string");
  }

  std::optional<std::string> id;
  for (const char* key : {"id", "$id"}) {
    if (!doc.contains(key)) continue;
    if (!doc[key].is_string() || !is_service_id(doc[key].get<std::string>())) {
      return std::string("'") + key + "' must be urn:ivcap:service:<uuid> (lowercase)";
    }
    if (id && *id != doc[key].get<std::string>()) return std::string("'id' and '$id' differ");
    id = doc[key].get<std::string>();
  }
  if (path_id && id && *id != *path_id) {
    return "body id '" + *id + "' does not match the id in the path '" + *path_id + "'";
  }
  if (!id) id = path_id ? *path_id : service_id_for(project, doc["name"].get<std::string>());
  doc.erase("$id");
  doc["id"] = *id;

  if (doc.contains("parameters") && !doc["parameters"].is_null()) {
    if (!doc["parameters"].is_array()) return std::string("'parameters' must be an array");
    std::set<std::string> names;
    for (const auto& p : doc["parameters"]) {
      if (!p.is_object() || !p.contains("name") || !p["name"].is_string()) {
        return std::string("each parameter must be an object with a string 'name'");
      }
      if (!names.insert(p["name"].get<std::string>()).second) {
        return "duplicate parameter '" + p["name"].get<std::string>() + "'";
      }
    }
  }
  if (!doc.contains("controller") || !doc["controller"].is_object()) {
    return std::string("'controller' must be an object");
  }
  json& controller = doc["controller"];
  if (!controller.contains("$schema") || !controller["$schema"].is_string()) {
    return std::string("'controller.$schema' must be a string");
  }
  controller["$schema"] = normalise_controller_schema(controller["$schema"].get<std::string>());
  if (parse_controller_schema(controller["$schema"].get<std::string>()) ==
      ControllerModel::AppServer) {
    if (!controller.contains("host") || !controller["host"].is_string() ||
        controller["host"].get<std::string>().empty()) {
      return std::string("app-server controller needs a 'host'");
    }
    if (!controller.contains("artifact") || !controller["artifact"].is_string() ||
        !is_artifact_id(controller["artifact"].get<std::string>())) {
      return std::string(
          "app-server controller needs an 'artifact' (urn:ivcap:artifact:<sha256> or <uuid>)");
    }
    if (controller.contains("404") && !controller["404"].is_string()) {
      return std::string("app-server controller '404' must be a path in the artifact");
    }
  }
  return doc;
}

}  // namespace ivcap::runtime
