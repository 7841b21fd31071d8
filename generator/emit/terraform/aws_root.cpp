// The AWS root templates: main.tf, variables.tf and outputs.tf exactly as
// tests/modules/aws-example renders the contract (modules/README.md), with
// module sources under ./modules/.
#include "emit/terraform/root_blocks.h"
#include "emit/terraform/root_module.h"

namespace ivcapgen::emit::terraform {

namespace {

Body aws_locals_and_sizes() {
  Body locals;
  name_local(locals);
  locals.blank_line();
  locals.comment("spec.database.size -> RDS (table in modules/README.md).");
  auto size = [](std::string_view instance_class, int64_t storage, int64_t max_storage,
                 bool multi_az) {
    return Expression::inline_object(
        {"instance_class", "allocated_storage", "max_allocated_storage", "multi_az"},
        {text(instance_class), Expression::number(storage), Expression::number(max_storage),
         Expression::boolean(multi_az)});
  };
  locals.attribute("database_sizes", Expression::object({"small", "medium", "large"},
                                                        {size("db.t4g.medium", 20, 100, false),
                                                         size("db.m6g.large", 100, 500, true),
                                                         size("db.r6g.xlarge", 500, 2000, true)}));
  locals.attribute("database", expr("local.database_sizes[var.database.size]"));
  password_ref_local(locals, "[\"secretsmanager\" | \"ssm\", \"<id>\"]",
                     "^aws-(secretsmanager|ssm)://(.+)$");
  return locals;
}

Block network_module() {
  Block m = module_call("network");
  m.blank_line();
  m.attribute("name", expr("local.name"));
  tag_inputs(m);
  m.blank_line();
  m.attribute("azs", expr("var.azs"));
  return m;
}

Block cluster_module() {
  Block m = module_call("cluster");
  m.blank_line();
  m.attribute("name", expr("local.name"));
  tag_inputs(m);
  m.blank_line();
  m.attribute("kubernetes_version", expr("var.kubernetes_version"));
  m.attribute("subnet_ids", expr("module.network.private_subnet_ids"));
  m.attribute("admin_principal_arns", expr("var.cluster_admin_principals"));
  m.blank_line();
  // Taints stay Kubernetes-style; the module translates them.
  Expression pool = Expression::object(
      {"name", "instance_type", "min_size", "max_size", "gpu", "labels", "taints", "disk_size"},
      {expr("p.name"), expr("p.size"), expr("p.min"), expr("p.max"), expr("p.gpu != null"),
       expr("p.labels"), expr("p.taints"), expr("p.gpu != null ? 100 : 50")});
  m.attribute("node_pools", Expression::for_list("p", expr("var.node_pools"), std::move(pool)));
  return m;
}

Block storage_module() {
  Block m = module_call("storage");
  m.blank_line();
  // AWS appends a unique suffix to the prefix: no squatting, no global clash.
  m.attribute("bucket_prefix", expr("\"${substr(local.name, 0, 26)}-artifacts-\""));
  tag_inputs(m);
  return m;
}

Block database_module() {
  Block m = module_call("database");
  m.attribute("count", expr("var.database.managed ? 1 : 0"));
  m.blank_line();
  m.attribute("identifier", expr("local.name"));
  tag_inputs(m);
  m.blank_line();
  m.attribute("vpc_id", expr("module.network.vpc_id"));
  m.attribute("subnet_ids", expr("module.network.private_subnet_ids"));
  m.attribute("allowed_security_group_ids",
              Expression::list({expr("module.cluster.cluster_security_group_id")}));
  m.blank_line();
  m.attribute("engine_version", expr("var.database.version"));
  m.attribute("instance_class", expr("local.database.instance_class"));
  m.attribute("allocated_storage", expr("local.database.allocated_storage"));
  m.attribute("max_allocated_storage", expr("local.database.max_allocated_storage"));
  m.attribute("multi_az", expr("local.database.multi_az"));
  m.blank_line();
  // A reference to the secret, never its value: the module reads it through
  // an ephemeral resource into a write-only argument.
  m.attribute("master_password_secret",
              Expression::object({"source", "id"},
                                 {expr("local.password_ref[0]"), expr("local.password_ref[1]")}));
  m.attribute("account_id", expr("var.aws_account_id"));
  return m;
}

Block dns_module() {
  Block m = module_call("dns");
  m.blank_line();
  m.attribute("domain", expr("var.domain"));
  tag_inputs(m);
  m.blank_line();
  m.attribute("create_zone", expr("var.dns_zone_id == null"));
  m.attribute("zone_id", expr("var.dns_zone_id"));
  m.attribute("ingress_hostname", expr("var.ingress_hostname"));
  return m;
}

Block identity_module() {
  Block m = module_call("identity");
  m.blank_line();
  m.attribute("name", expr("local.name"));
  tag_inputs(m);
  m.blank_line();
  m.attribute("oidc_provider_arn", expr("module.cluster.oidc_provider_arn"));
  m.attribute("oidc_provider", expr("module.cluster.oidc_provider"));
  m.attribute("artifacts_bucket_arn", expr("module.storage.bucket_arn"));
  m.attribute("artifacts_kms_key_arn", expr("module.storage.kms_key_arn"));
  m.blank_line();
  m.attribute("data_proxy_service_accounts", expr("var.data_proxy_service_accounts"));
  return m;
}

Body aws_main() {
  return main_file(aws_locals_and_sizes(), {network_module(), cluster_module(), storage_module(),
                                            database_module(), dns_module(), identity_module()});
}

Body aws_variables() {
  Body v;
  v.comment("Root variables: the Environment, nearly verbatim (terraform.tfvars.json).");
  v.blank_line();
  v.block(project_variable());
  v.block(environment_variable());
  v.block(variable("region", "spec.region", expr("string")));
  v.block(domain_variable());
  Block azs = variable(
      "azs", "Availability zones (three, in spec.region). null: looked up through the AWS API.",
      expr("list(string)"));
  azs.attribute("default", Expression::null());
  v.block(std::move(azs));
  v.block(kubernetes_version_variable());
  v.block(node_pools_variable("spec.cluster.nodePools"));
  v.block(database_variable());
  v.block(database_password_ref_variable(
      "spec.secrets.database-password.ref: aws-secretsmanager://<secret name or ARN> or "
      "aws-ssm://<parameter name>.",
      "^aws-(secretsmanager|ssm)://.+$",
      "database_password_ref must be aws-secretsmanager://<name> or aws-ssm://<parameter>."));
  v.block(
      nullable_string_variable("aws_account_id",
                               "AWS account ID; only needed for an aws-ssm:// password reference "
                               "(null: looked up through STS)."));
  v.block(data_proxy_service_accounts_variable());
  v.block(
      empty_list_variable("cluster_admin_principals",
                          "IAM ARNs with cluster-admin besides the identity running Terraform."));
  v.block(
      nullable_string_variable("dns_zone_id",
                               "Existing Route 53 zone for spec.domain. null: the zone is created "
                               "(delegate it with the dns_name_servers output)."));
  v.block(nullable_string_variable(
      "ingress_hostname",
      "Host name of the ingress load balancer, known after wave 3. null: no "
      "DNS records yet."));
  v.block(tags_variable());
  return v;
}

Body aws_outputs() {
  Body o;
  o.block(output("cluster_name", "module.cluster.cluster_name"));
  o.block(output("cluster_endpoint", "module.cluster.cluster_endpoint"));
  o.block(output("cluster_certificate_authority_data",
                 "module.cluster.cluster_certificate_authority_data"));
  o.block(output("kubeconfig_command", "module.cluster.kubeconfig_command"));
  o.block(output("oidc_provider_arn", "module.cluster.oidc_provider_arn"));
  o.block(output("artifacts_bucket_name", "module.storage.bucket_name"));
  o.block(output("artifacts_bucket_region", "var.region"));
  o.block(output("data_proxy_role_arn", "module.identity.data_proxy_role_arn"));
  database_outputs(o, "master_username");
  dns_outputs(o);
  o.block(output("nat_public_ips", "module.network.nat_public_ips"));
  return o;
}

}  // namespace

RootTemplates aws_root_templates() {
  return {aws_main(), aws_variables(), aws_outputs()};
}

}  // namespace ivcapgen::emit::terraform
