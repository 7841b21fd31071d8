// ivcapgen defaults: the pinned component versions and the field defaults.
#include <iomanip>

#include "cli/command.h"
#include "model/components.h"
#include "model/resolve.h"

namespace ivcapgen::cli {

namespace {

void print_components(std::ostream& out) {
  out << "Third-party components (Helm charts), pinned versions:\n";
  out << "  " << std::left << std::setw(23) << "NAME" << std::setw(10) << "VERSION" << std::setw(15)
      << "NAMESPACE"
      << "REPOSITORY\n";
  for (const auto& c : model::component_defaults()) {
    out << "  " << std::left << std::setw(23) << c.name << std::setw(10) << c.version
        << std::setw(15) << c.namespace_role << c.repository << "\n";
  }
}

void print_field_defaults(std::ostream& out) {
  model::EnvironmentSpec spec;
  out << "\nEnvironment defaults:\n"
      << "  project: " << *spec.project << "\n"
      << "  domain: localhost (local provider)\n"
      << "  services: [services/*.yaml]\n"
      << "  cluster.kubernetesVersion: \"" << *spec.cluster->kubernetes_version << "\"\n"
      << "  cluster.nodePools (local): [{name: local, cpu: \"4\", memory: 8Gi}]\n"
      << "  namespaces: {platform: " << *spec.namespaces->platform
      << ", services: " << *spec.namespaces->services << ", argo: " << *spec.namespaces->argo
      << "}\n"
      << "  database: {managed: true in clouds, version: \"" << *spec.database->version
      << "\", size: " << *spec.database->size << "}\n"
      << "  runtime.image: {registry: " << *spec.runtime->image->registry << ", tag: \""
      << *spec.runtime->image->tag << "\"}\n"
      << "  runtime.dataProxy.mode: " << *spec.runtime->data_proxy->mode << "\n"
      << "  runtime ports (local): gateway " << model::kDefaultGatewayPort << ", dispatcher "
      << model::kDefaultDispatcherPort << ", data-proxy " << model::kDefaultDataProxyPort
      << ", exit-handler " << model::kDefaultExitHandlerPort << "\n"
      << "  resources.defaults: requests {cpu: 100m, memory: 256Mi}, limits {cpu: \"1\", "
         "memory: 1Gi}\n"
      << "  resources.quota: {cpu: \"" << *spec.resources->quota->cpu
      << "\", memory: " << *spec.resources->quota->memory
      << ", pods: " << *spec.resources->quota->pods << "}\n"
      << "  policy.sandbox: true\n";
}

}  // namespace

Command defaults_command() {
  return {"defaults", "Print pinned component versions and field defaults", [](ArgParser&) {},
          [](const ArgParser&, Console& console) {
            print_components(console.out);
            print_field_defaults(console.out);
            return kExitOk;
          }};
}

}  // namespace ivcapgen::cli
