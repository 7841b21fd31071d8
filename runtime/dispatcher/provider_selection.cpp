#include "dispatcher/provider_selection.h"

namespace ivcap::runtime {

std::variant<ProviderKind, ProviderRefusal> select_provider(const nlohmann::json& service) {
  if (!service.is_object() || !service.contains("controller") ||
      !service["controller"].is_object()) {
    return ProviderRefusal{422, "invalid-controller", "service has no 'controller' object"};
  }
  const auto& controller = service["controller"];
  if (!controller.contains("$schema") || !controller["$schema"].is_string()) {
    return ProviderRefusal{422, "invalid-controller", "service controller has no '$schema'"};
  }
  const std::string schema = controller["$schema"].get<std::string>();
  auto model = parse_controller_schema(schema);
  if (!model) {
    std::string known;
    for (const auto& s : known_controller_schemas()) known += (known.empty() ? "" : ", ") + s;
    return ProviderRefusal{422, "unknown-controller",
                           "unknown controller schema '" + schema + "'; known: " + known};
  }
  switch (*model) {
    case ControllerModel::Basic:
    case ControllerModel::Batch:
      return ProviderKind::Basic;
    case ControllerModel::ArgoWf:
    case ControllerModel::Argo:
      return ProviderKind::Argo;
    case ControllerModel::Rest:
    case ControllerModel::Dynamic:
      return ProviderKind::Dynamic;
    case ControllerModel::AppServer:
    case ControllerModel::ServiceProxy:
      break;
  }
  return ProviderRefusal{422, "controller-not-orderable",
                         "controller 'service." + std::string(model_name(*model)) +
                             ".1' is known but cannot be ordered"};
}

std::string_view provider_name(ProviderKind kind) {
  switch (kind) {
    case ProviderKind::Basic:
      return "basic";
    case ProviderKind::Argo:
      return "argo";
    case ProviderKind::Dynamic:
      return "dynamic";
  }
  return "unknown";
}

}  // namespace ivcap::runtime
