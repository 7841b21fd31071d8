output "cluster_name" {
  value = module.cluster.cluster_name
}

output "cluster_endpoint" {
  value = module.cluster.cluster_endpoint
}

output "cluster_certificate_authority_data" {
  value = module.cluster.cluster_certificate_authority_data
}

output "kubeconfig_command" {
  value = module.cluster.kubeconfig_command
}

output "oidc_provider_arn" {
  value = module.cluster.oidc_provider_arn
}

output "artifacts_bucket_name" {
  value = module.storage.bucket_name
}

output "artifacts_bucket_region" {
  value = var.region
}

output "data_proxy_role_arn" {
  value = module.identity.data_proxy_role_arn
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
  value = one(module.database[*].master_username)
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

output "nat_public_ips" {
  value = module.network.nat_public_ips
}
