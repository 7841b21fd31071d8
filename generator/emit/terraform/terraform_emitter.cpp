// terraform/: the self-contained root module of an aws or azure environment
// (SPEC 3, wave 0); nothing for provider local. root_module.h says what each
// file holds.
#include "emit/emitters.h"
#include "emit/terraform/module_files.h"
#include "emit/terraform/root_module.h"
#include "emit/waves.h"

namespace ivcapgen::emit {

void emit_terraform(const model::Model& m, output::OutputTree& tree) {
  const std::string& provider = *m.env().provider;
  terraform::RootTemplates root;
  if (provider == "aws") {
    root = terraform::aws_root_templates();
  } else if (provider == "azure") {
    root = terraform::azure_root_templates();
  } else {
    return;
  }
  auto add_hcl = [&](const std::string& name, const output::hcl::Body& body) {
    tree.add_text("terraform/" + name, kWaveInfrastructure, output::hcl::to_hcl(body));
  };
  add_hcl("providers.tf", terraform::providers_file(provider));
  add_hcl("backend.tf", terraform::backend_file(m));
  add_hcl("main.tf", root.main);
  add_hcl("variables.tf", root.variables);
  add_hcl("outputs.tf", root.outputs);
  tree.add_json("terraform/terraform.tfvars.json", kWaveInfrastructure,
                terraform::root_variable_values(m));
  // modules/<provider>/<module>/… → terraform/modules/<module>/…
  const std::string prefix = provider + "/";
  for (const auto& file : terraform::embedded_module_files()) {
    if (!file.path.starts_with(prefix)) continue;
    tree.add_text("terraform/modules/" + std::string(file.path.substr(prefix.size())),
                  kWaveInfrastructure, std::string(file.content));
  }
}

}  // namespace ivcapgen::emit
