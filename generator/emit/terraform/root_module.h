#pragma once
// The generated Terraform root module, out/<env>/terraform/ (SPEC 3, wave 0),
// following the root-module contract in modules/README.md:
//   - main.tf, variables.tf, outputs.tf are fixed per provider (they change
//     only with ivcapgen) and byte-identical to the reference renderings in
//     tests/modules/<provider>-example, module sources aside;
//   - providers.tf pins Terraform and the provider;
//   - backend.tf comes from spec.terraform.backend;
//   - terraform.tfvars.json holds every environment value;
//   - modules/ is a copy of modules/<provider>/ (module_files.h).
#include <string>
#include <string_view>

#include "model/model.h"
#include "output/hcl_writer.h"
#include "output/yaml_writer.h"

namespace ivcapgen::emit::terraform {

// main.tf, variables.tf and outputs.tf of one provider.
struct RootTemplates {
  output::hcl::Body main;
  output::hcl::Body variables;
  output::hcl::Body outputs;
};

RootTemplates aws_root_templates();
RootTemplates azure_root_templates();

// providers.tf: required_version, the pinned provider, the provider block.
output::hcl::Body providers_file(std::string_view provider);

// backend.tf: spec.terraform.backend with its defaults (key
// <project>/<env>.tfstate, s3 region = spec.region).
output::hcl::Body backend_file(const model::Model& m);

// terraform.tfvars.json: the root variables' values, keys sorted.
output::Json root_variable_values(const model::Model& m);

// Where a module is called from in the generated root: "./modules/<name>".
std::string module_source(std::string_view module);

}  // namespace ivcapgen::emit::terraform
