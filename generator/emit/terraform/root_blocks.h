#pragma once
// Building blocks shared by the AWS and Azure root templates (aws_root.cpp,
// azure_root.cpp): variable, validation, module and output blocks, and the
// parts of the contract both providers have in common.
#include <string>
#include <string_view>
#include <vector>

#include "output/hcl_writer.h"

namespace ivcapgen::emit::terraform {

using output::hcl::Block;
using output::hcl::Body;
using output::hcl::Expression;

// Generator-authored expression text: `var.x`, `module.m.o`, calls.
inline Expression expr(std::string_view expression) {
  return Expression::raw(expression);
}
inline Expression text(std::string_view value) {
  return Expression::string(value);
}

// variable "NAME" { description, type } (add `default` and validations to it).
Block variable(std::string_view name, std::string_view description, Expression type);
// A string variable defaulting to null, and a list(string) defaulting to [].
Block nullable_string_variable(std::string_view name, std::string_view description);
Block empty_list_variable(std::string_view name, std::string_view description);
// validation { condition, error_message }
Block validation(std::string_view condition, std::string_view error_message);
// output "NAME" { value }
Block output(std::string_view name, std::string_view value);

// module "NAME" { source = "./modules/NAME" } (more inputs are added by the caller).
Block module_call(std::string_view name);

// main.tf: the locals, then the six module calls in the contract's order
// (network, cluster, storage, database, dns, identity).
Body main_file(Body locals, std::vector<Block> modules);
// The inputs every module takes: project, environment, tags.
void tag_inputs(Block& module);

// Variables with the same meaning and declaration for both providers.
Block project_variable();
Block environment_variable();
Block domain_variable();
Block kubernetes_version_variable();
Block node_pools_variable(std::string_view description);
Block database_variable();
Block database_password_ref_variable(std::string_view description, std::string_view pattern,
                                     std::string_view error_message);
Block data_proxy_service_accounts_variable();
Block tags_variable();

// local.name: <project>-<environment>, "_" -> "-".
void name_local(Body& locals);
// local.password_ref from var.database_password_ref, parsed by `pattern`
// into the two parts named in `parts` (a comment).
void password_ref_local(Body& locals, std::string_view parts, std::string_view pattern);

// The database outputs (null when the database is not managed).
void database_outputs(Body& outputs, std::string_view username_output);
// api_fqdn, dns_zone_id, dns_name_servers.
void dns_outputs(Body& outputs);

}  // namespace ivcapgen::emit::terraform
