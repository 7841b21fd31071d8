// The Azure root templates: main.tf, variables.tf and outputs.tf exactly as
// tests/modules/azure-example renders the contract (modules/README.md), with
// module sources under ./modules/.
#include "emit/terraform/root_blocks.h"
#include "emit/terraform/root_module.h"

namespace ivcapgen::emit::terraform {

namespace {

Body azure_locals() {
  Body locals;
  name_local(locals);
  locals.blank_line();
  locals.comment(
      "Storage account names are global, 3-24 of [a-z0-9]: a readable prefix and\n"
      "a stable hash of the environment.");
  locals.attribute("storage_account_name",
                   expr("\"${substr(replace(local.name, \"/[^a-z0-9]/\", \"\"), 0, 18)}"
                        "${substr(sha256(local.name), 0, 6)}\""));
  locals.blank_line();
  locals.comment("spec.database.size -> Flexible Server (table in modules/README.md).");
  auto size = [](std::string_view sku, int64_t storage_mb, bool high_availability) {
    return Expression::inline_object(
        {"sku_name", "storage_mb", "high_availability"},
        {text(sku), Expression::number(storage_mb), Expression::boolean(high_availability)});
  };
  locals.attribute("database_sizes",
                   Expression::object({"small", "medium", "large"},
                                      {size("B_Standard_B2s", 32768, false),
                                       size("GP_Standard_D2ds_v5", 131072, true),
                                       size("MO_Standard_E4ds_v5", 524288, true)}));
  locals.attribute("database", expr("local.database_sizes[var.database.size]"));
  password_ref_local(locals, "[\"<vault>\", \"<secret>\"]", "^azurekeyvault://([^/]+)/([^/]+)$");
  locals.blank_line();
  // The pool named "system" (else the first) is the AKS system pool.
  locals.attribute("system_pool",
                   expr("length([for p in var.node_pools : p if p.name == \"system\"]) > 0 ? "
                        "one([for p in var.node_pools : p if p.name == \"system\"]) : "
                        "var.node_pools[0]"));
  locals.attribute("user_pools",
                   expr("[for p in var.node_pools : p if p.name != local.system_pool.name]"));
  return locals;
}

// name, resource_group_name, location and the tag inputs.
void placed_in_network_group(Block& m) {
  m.attribute("resource_group_name", expr("module.network.resource_group_name"));
  m.attribute("location", expr("module.network.location"));
  tag_inputs(m);
}

Block network_module() {
  Block m = module_call("network");
  m.blank_line();
  m.attribute("name", expr("local.name"));
  m.attribute("resource_group_name", expr("\"rg-${local.name}\""));
  m.attribute("location", expr("var.region"));
  tag_inputs(m);
  return m;
}

Block cluster_module() {
  Block m = module_call("cluster");
  m.blank_line();
  m.attribute("name", expr("local.name"));
  placed_in_network_group(m);
  m.blank_line();
  m.attribute("kubernetes_version", expr("var.kubernetes_version"));
  m.attribute("subnet_id", expr("module.network.aks_subnet_id"));
  m.attribute("admin_group_object_ids", expr("var.admin_group_object_ids"));
  m.attribute("cluster_admin_principal_ids", expr("var.cluster_admin_principal_ids"));
  m.blank_line();
  // No taints on the system pool: AKS forbids them there.
  m.attribute(
      "system_node_pool",
      Expression::object({"name", "vm_size", "min_count", "max_count", "labels"},
                         {expr("local.system_pool.name"), expr("local.system_pool.size"),
                          expr("max(local.system_pool.min, 1)"), expr("local.system_pool.max"),
                          expr("local.system_pool.labels")}));
  m.blank_line();
  Expression pool =
      Expression::object({"name", "vm_size", "min_count", "max_count", "labels", "taints"},
                         {expr("p.name"), expr("p.size"), expr("p.min"), expr("p.max"),
                          expr("p.labels"), expr("p.taints")});
  m.attribute("node_pools", Expression::for_list("p", expr("local.user_pools"), std::move(pool)));
  return m;
}

Block storage_module() {
  Block m = module_call("storage");
  m.blank_line();
  m.attribute("name", expr("local.storage_account_name"));
  placed_in_network_group(m);
  return m;
}

Block database_module() {
  Block m = module_call("database");
  m.attribute("count", expr("var.database.managed ? 1 : 0"));
  m.blank_line();
  m.attribute("name", expr("\"${local.name}-db\""));
  placed_in_network_group(m);
  m.blank_line();
  m.attribute("vnet_id", expr("module.network.vnet_id"));
  m.attribute("subnet_id", expr("module.network.database_subnet_id"));
  m.blank_line();
  m.attribute("postgresql_version", expr("var.database.version"));
  m.attribute("sku_name", expr("local.database.sku_name"));
  m.attribute("storage_mb", expr("local.database.storage_mb"));
  m.attribute("high_availability", expr("local.database.high_availability"));
  m.blank_line();
  // A Key Vault reference, never the value.
  m.attribute("administrator_password_secret",
              Expression::object({"key_vault_name", "name"},
                                 {expr("local.password_ref[0]"), expr("local.password_ref[1]")}));
  return m;
}

Block dns_module() {
  Block m = module_call("dns");
  m.blank_line();
  m.attribute("domain", expr("var.domain"));
  m.attribute("resource_group_name", expr("coalesce(var.dns_zone_resource_group_name, "
                                          "module.network.resource_group_name)"));
  tag_inputs(m);
  m.blank_line();
  m.attribute("create_zone", expr("var.dns_zone_resource_group_name == null"));
  m.attribute("ingress_ip", expr("var.ingress_ip"));
  return m;
}

Block identity_module() {
  Block m = module_call("identity");
  m.blank_line();
  m.attribute("name", expr("local.name"));
  placed_in_network_group(m);
  m.blank_line();
  m.attribute("oidc_issuer_url", expr("module.cluster.oidc_issuer_url"));
  m.attribute("artifacts_container_id", expr("module.storage.container_id"));
  m.blank_line();
  m.attribute("data_proxy_service_accounts", expr("var.data_proxy_service_accounts"));
  return m;
}

Body azure_main() {
  return main_file(azure_locals(), {network_module(), cluster_module(), storage_module(),
                                    database_module(), dns_module(), identity_module()});
}

Body azure_variables() {
  Body v;
  v.comment("Root variables: the Environment, nearly verbatim (terraform.tfvars.json).");
  v.blank_line();
  v.block(project_variable());
  v.block(environment_variable());
  v.block(variable("region", "spec.region (Azure location)", expr("string")));
  v.block(domain_variable());
  v.block(kubernetes_version_variable());
  v.block(node_pools_variable(
      "spec.cluster.nodePools; the pool named \"system\" (else the first) is the AKS system "
      "pool."));
  v.block(database_variable());
  v.block(database_password_ref_variable(
      "spec.secrets.database-password.ref: azurekeyvault://<vault>/<secret>.",
      "^azurekeyvault://[^/]+/[^/]+$",
      "database_password_ref must be azurekeyvault://<vault>/<secret>."));
  v.block(data_proxy_service_accounts_variable());
  v.block(empty_list_variable("admin_group_object_ids", "Entra ID groups with cluster-admin."));
  v.block(empty_list_variable("cluster_admin_principal_ids",
                              "Entra ID principals (e.g. the deploy identity) with Azure "
                              "Kubernetes Service RBAC Cluster Admin."));
  v.block(
      nullable_string_variable("dns_zone_resource_group_name",
                               "Resource group of an existing DNS zone for spec.domain. null: the "
                               "zone is created in the environment's resource group."));
  v.block(nullable_string_variable(
      "ingress_ip",
      "Public IP of the ingress load balancer, known after wave 3. null: no "
      "DNS records yet."));
  v.block(tags_variable());
  return v;
}

Body azure_outputs() {
  Body o;
  o.block(output("cluster_name", "module.cluster.cluster_name"));
  o.block(output("cluster_id", "module.cluster.cluster_id"));
  o.block(output("resource_group_name", "module.network.resource_group_name"));
  o.block(output("kubeconfig_command", "module.cluster.kubeconfig_command"));
  o.block(output("oidc_issuer_url", "module.cluster.oidc_issuer_url"));
  o.block(output("artifacts_storage_account_name", "module.storage.storage_account_name"));
  o.block(output("artifacts_container_name", "module.storage.container_name"));
  o.block(output("artifacts_blob_endpoint", "module.storage.primary_blob_endpoint"));
  o.block(output("data_proxy_client_id", "module.identity.data_proxy_client_id"));
  o.block(output("tenant_id", "module.identity.tenant_id"));
  database_outputs(o, "administrator_login");
  dns_outputs(o);
  return o;
}

}  // namespace

RootTemplates azure_root_templates() {
  return {azure_main(), azure_variables(), azure_outputs()};
}

}  // namespace ivcapgen::emit::terraform
