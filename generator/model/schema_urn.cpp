#include "model/schema_urn.h"

namespace ivcapgen::model {

namespace {

// Strips either prefix spelling; returns the rest ("argo-wf.1") or nullopt.
std::optional<std::string_view> strip_schema_prefix(std::string_view urn) {
  for (std::string_view prefix : {"urn:ivcap:schema:service.", "urn:ivcap:schema.service."}) {
    if (urn.starts_with(prefix)) return urn.substr(prefix.size());
  }
  // ADR 6 also names the proxy without the `service.` part.
  for (std::string_view prefix : {"urn:ivcap:schema:", "urn:ivcap:schema."}) {
    if (urn.starts_with(prefix) && urn.substr(prefix.size()).starts_with("service-proxy."))
      return urn.substr(prefix.size());
  }
  return std::nullopt;
}

}  // namespace

const std::vector<ControllerSchemaInfo>& known_controllers() {
  static const std::vector<ControllerSchemaInfo> kKnown = {
      {ControllerModel::Basic, "basic", true},
      {ControllerModel::Batch, "batch", true},
      {ControllerModel::ArgoWf, "argo-wf", true},
      {ControllerModel::Argo, "argo", true},
      {ControllerModel::AppServer, "app-server", false},
      {ControllerModel::Rest, "rest", true},
      {ControllerModel::Dynamic, "dynamic", true},
      {ControllerModel::ServiceProxy, "service-proxy", false},
  };
  return kKnown;
}

std::optional<ControllerSchemaInfo> parse_controller_schema(std::string_view urn) {
  auto rest = strip_schema_prefix(urn);
  if (!rest || !rest->ends_with(".1")) return std::nullopt;
  std::string_view name = rest->substr(0, rest->size() - 2);
  for (const auto& info : known_controllers()) {
    if (info.name == name) return info;
  }
  return std::nullopt;
}

std::string controller_schema_urn(std::string_view name) {
  return "urn:ivcap:schema:service." + std::string(name) + ".1";
}

std::vector<std::string> known_controller_urns() {
  std::vector<std::string> out;
  for (const auto& info : known_controllers()) out.push_back(controller_schema_urn(info.name));
  return out;
}

const ControllerSchemaInfo& controller_info(ControllerModel model) {
  static const ControllerSchemaInfo kUnknown{ControllerModel::Unknown, "unknown", false};
  for (const auto& info : known_controllers()) {
    if (info.model == model) return info;
  }
  return kUnknown;
}

int service_schema_version(std::string_view urn) {
  if (urn == "urn:ivcap:schema:service.2" || urn == "urn:ivcap:schema.service.2") return 2;
  if (urn == "urn:ivcap:schema:service.1" || urn == "urn:ivcap:schema.service.1") return 1;
  return 0;
}

}  // namespace ivcapgen::model
