output "cluster_name" {
  value = module.cluster.cluster_name
}

output "cluster_endpoint" {
  value = module.cluster.cluster_endpoint
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

output "database_host" {
  value = module.database.host
}

output "data_proxy_role_arn" {
  value = module.identity.data_proxy_role_arn
}

output "api_fqdn" {
  value = module.dns.api_fqdn
}
