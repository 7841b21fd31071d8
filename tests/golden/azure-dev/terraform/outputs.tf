output "cluster_name" {
  value = module.cluster.cluster_name
}

output "cluster_id" {
  value = module.cluster.cluster_id
}

output "resource_group_name" {
  value = module.network.resource_group_name
}

output "kubeconfig_command" {
  value = module.cluster.kubeconfig_command
}

output "oidc_issuer_url" {
  value = module.cluster.oidc_issuer_url
}

output "artifacts_storage_account_name" {
  value = module.storage.storage_account_name
}

output "artifacts_container_name" {
  value = module.storage.container_name
}

output "artifacts_blob_endpoint" {
  value = module.storage.primary_blob_endpoint
}

output "data_proxy_client_id" {
  value = module.identity.data_proxy_client_id
}

output "tenant_id" {
  value = module.identity.tenant_id
}

output "database_host" {
  value = one(module.database[*].host)
}

output "database_port" {
  value = one(module.database[*].port)
}

output "database_name" {
  value = one(module.database[*].db_name)
}

output "database_username" {
  value = one(module.database[*].administrator_login)
}

output "api_fqdn" {
  value = module.dns.api_fqdn
}

output "dns_zone_id" {
  value = module.dns.zone_id
}

output "dns_name_servers" {
  value = module.dns.name_servers
}
