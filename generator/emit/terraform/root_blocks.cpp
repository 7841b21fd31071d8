#include "emit/terraform/root_blocks.h"

#include "emit/terraform/root_module.h"

namespace ivcapgen::emit::terraform {

std::string module_source(std::string_view module) {
  return "./modules/" + std::string(module);
}

Block variable(std::string_view name, std::string_view description, Expression type) {
  Block b("variable", {std::string(name)});
  b.attribute("description", text(description));
  b.attribute("type", std::move(type));
  return b;
}

Block nullable_string_variable(std::string_view name, std::string_view description) {
  Block b = variable(name, description, expr("string"));
  b.attribute("default", Expression::null());
  return b;
}

Block empty_list_variable(std::string_view name, std::string_view description) {
  Block b = variable(name, description, expr("list(string)"));
  b.attribute("default", Expression::list({}));
  return b;
}

Block validation(std::string_view condition, std::string_view error_message) {
  Block b("validation");
  b.attribute("condition", expr(condition));
  b.attribute("error_message", text(error_message));
  return b;
}

Block output(std::string_view name, std::string_view value) {
  Block b("output", {std::string(name)});
  b.attribute("value", expr(value));
  return b;
}

Body main_file(Body locals, std::vector<Block> modules) {
  Body main;
  Block block("locals");
  block.body() = std::move(locals);
  main.block(std::move(block));
  for (Block& m : modules) main.block(std::move(m));
  return main;
}

Block module_call(std::string_view name) {
  Block b("module", {std::string(name)});
  b.attribute("source", text(module_source(name)));
  return b;
}

void tag_inputs(Block& module) {
  module.attribute("project", expr("var.project"));
  module.attribute("environment", expr("var.environment"));
  module.attribute("tags", expr("var.tags"));
}

Block project_variable() {
  return variable("project", "spec.project", expr("string"));
}

Block environment_variable() {
  return variable("environment", "metadata.name", expr("string"));
}

Block domain_variable() {
  return variable("domain", "spec.domain", expr("string"));
}

Block kubernetes_version_variable() {
  return variable("kubernetes_version", "spec.cluster.kubernetesVersion", expr("string"));
}

// list(object({...})) of spec.cluster.nodePools, verbatim.
Block node_pools_variable(std::string_view description) {
  auto call = [](std::string_view f, Expression arg) {
    return Expression::call(f, {std::move(arg)});
  };
  Expression gpu =
      call("optional",
           call("object", Expression::object({"type", "count"}, {expr("string"), expr("number")})));
  Expression taint = call(
      "object", Expression::object({"key", "value", "effect"},
                                   {expr("string"), expr("optional(string)"), expr("string")}));
  Expression taints = Expression::call("optional", {call("list", std::move(taint)), expr("[]")});
  Expression pool =
      Expression::object({"name", "size", "min", "max", "gpu", "labels", "taints"},
                         {expr("string"), expr("string"), expr("number"), expr("number"),
                          std::move(gpu), expr("optional(map(string), {})"), std::move(taints)});
  return variable("node_pools", description, call("list", call("object", std::move(pool))));
}

Block database_variable() {
  Block b =
      variable("database", "spec.database",
               Expression::call(
                   "object", {Expression::object({"managed", "version", "size"},
                                                 {expr("bool"), expr("string"), expr("string")})}));
  b.block(validation("contains([\"small\", \"medium\", \"large\"], var.database.size)",
                     "database.size must be small, medium or large."));
  b.block(validation("!var.database.managed || var.database_password_ref != null",
                     "A managed database needs database_password_ref "
                     "(spec.secrets.database-password)."));
  return b;
}

Block database_password_ref_variable(std::string_view description, std::string_view pattern,
                                     std::string_view error_message) {
  Block b = variable("database_password_ref", description, expr("string"));
  b.attribute("default", Expression::null());
  b.block(validation("var.database_password_ref == null ? true : can(regex(" +
                         output::hcl::quote(pattern) + ", var.database_password_ref))",
                     error_message));
  return b;
}

Block data_proxy_service_accounts_variable() {
  return variable("data_proxy_service_accounts",
                  "\"<namespace>:<serviceaccount>\" of the data proxy (spec.namespaces.platform).",
                  expr("list(string)"));
}

Block tags_variable() {
  Block b = variable("tags", "Extra tags on every resource.", expr("map(string)"));
  b.attribute("default", Expression::inline_object({}, {}));
  return b;
}

void name_local(Body& locals) {
  locals.comment("Object names: <project>-<environment>, \"_\" -> \"-\".");
  locals.attribute("name", expr("replace(\"${var.project}-${var.environment}\", \"_\", \"-\")"));
}

void password_ref_local(Body& locals, std::string_view parts, std::string_view pattern) {
  locals.blank_line();
  locals.comment(parts);
  locals.attribute("password_ref",
                   expr("var.database_password_ref == null ? null : regex(" +
                        output::hcl::quote(pattern) + ", var.database_password_ref)"));
}

void database_outputs(Body& outputs, std::string_view username_output) {
  outputs.block(output("database_host", "one(module.database[*].host)"));
  outputs.block(output("database_port", "one(module.database[*].port)"));
  outputs.block(output("database_name", "one(module.database[*].db_name)"));
  outputs.block(
      output("database_username", "one(module.database[*]." + std::string(username_output) + ")"));
}

void dns_outputs(Body& outputs) {
  outputs.block(output("api_fqdn", "module.dns.api_fqdn"));
  outputs.block(output("dns_zone_id", "module.dns.zone_id"));
  outputs.block(output("dns_name_servers", "module.dns.name_servers"));
}

}  // namespace ivcapgen::emit::terraform
