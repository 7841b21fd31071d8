output "data_proxy_client_id" {
  description = "Client ID of the data-proxy identity: annotate its service accounts with azure.workload.identity/client-id=<this> (and label the pods azure.workload.identity/use=true)."
  value       = azurerm_user_assigned_identity.data_proxy.client_id
}

output "data_proxy_principal_id" {
  description = "Principal (object) ID of the data-proxy identity."
  value       = azurerm_user_assigned_identity.data_proxy.principal_id
}

output "data_proxy_identity_id" {
  description = "Resource ID of the data-proxy identity."
  value       = azurerm_user_assigned_identity.data_proxy.id
}

output "tenant_id" {
  description = "Entra ID tenant of the identity (AZURE_TENANT_ID for the workload)."
  value       = azurerm_user_assigned_identity.data_proxy.tenant_id
}
