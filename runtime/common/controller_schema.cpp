#include "common/controller_schema.h"

#include <algorithm>
#include <array>
#include <utility>

namespace ivcap::runtime {

namespace {

constexpr std::array<std::pair<std::string_view, ControllerModel>, 8> kModels{{
    {"basic", ControllerModel::Basic},
    {"batch", ControllerModel::Batch},
    {"argo-wf", ControllerModel::ArgoWf},
    {"argo", ControllerModel::Argo},
    {"app-server", ControllerModel::AppServer},
    {"rest", ControllerModel::Rest},
    {"dynamic", ControllerModel::Dynamic},
    {"service-proxy", ControllerModel::ServiceProxy},
}};

}  // namespace

std::optional<ControllerModel> parse_controller_schema(std::string_view schema) {
  std::string_view model;
  for (std::string_view prefix : {"urn:ivcap:schema:service.", "urn:ivcap:schema.service."}) {
    if (schema.rfind(prefix, 0) == 0) model = schema.substr(prefix.size());
  }
  // The spec's table also spells the proxy `service-proxy.1`.
  for (std::string_view prefix : {"urn:ivcap:schema:", "urn:ivcap:schema."}) {
    if (model.empty() && schema == std::string(prefix) + "service-proxy.1") {
      return ControllerModel::ServiceProxy;
    }
  }
  if (model.size() < 3 || model.substr(model.size() - 2) != ".1") return std::nullopt;
  model.remove_suffix(2);
  for (const auto& [name, value] : kModels) {
    if (name == model) return value;
  }
  return std::nullopt;
}

std::string_view model_name(ControllerModel model) {
  for (const auto& [name, value] : kModels) {
    if (value == model) return name;
  }
  return "unknown";
}

std::string canonical_controller_schema(ControllerModel model) {
  return "urn:ivcap:schema:service." + std::string(model_name(model)) + ".1";
}

std::string normalise_controller_schema(std::string_view schema) {
  if (auto model = parse_controller_schema(schema)) return canonical_controller_schema(*model);
  return std::string(schema);
}

std::vector<std::string> known_controller_schemas() {
  std::vector<std::string> out;
  for (const auto& entry : kModels) out.push_back(canonical_controller_schema(entry.second));
  std::sort(out.begin(), out.end());
  return out;
}

bool is_service2_schema(std::string_view schema) {
  return schema == "urn:ivcap:schema:service.2" || schema == "urn:ivcap:schema.service.2";
}

bool is_legacy_service1_schema(std::string_view schema) {
  return schema == "urn:ivcap:schema:service.1" || schema == "urn:ivcap:schema.service.1";
}

}  // namespace ivcap::runtime
