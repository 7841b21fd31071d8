#pragma once
// The third-party components ivcapgen installs with Helm, with their pinned
// default versions (the charts checked in ../shared/helm-charts/charts.json).
// `ivcapgen defaults` prints this table.
#include <string_view>
#include <vector>

namespace ivcapgen::model {

struct EnvironmentSpec;

struct ComponentDefault {
  std::string_view name;
  std::string_view chart;
  std::string_view repository;  // https://… or oci://…/chart
  std::string_view version;
  std::string_view app_version;
  // Namespace of the release: a fixed name, or "platform"/"argo" meaning the
  // environment's namespace of that role.
  std::string_view namespace_role;
  std::vector<std::string_view> depends_on;  // releases that must be ready first
};

const std::vector<ComponentDefault>& component_defaults();
const ComponentDefault* find_component_default(std::string_view name);
std::vector<std::string_view> component_names();

// Whether a component is installed when the environment does not say:
// MinIO only without a cloud object store, PostgreSQL only without a
// managed database; everything else always.
bool component_enabled_by_default(std::string_view name, const EnvironmentSpec& env);

}  // namespace ivcapgen::model
