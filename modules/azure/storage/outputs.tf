output "storage_account_name" {
  description = "Name of the storage account."
  value       = azurerm_storage_account.this.name
}

output "storage_account_id" {
  description = "Resource ID of the storage account."
  value       = azurerm_storage_account.this.id
}

output "primary_blob_endpoint" {
  description = "Blob service endpoint (https://<account>.blob.core.windows.net/)."
  value       = azurerm_storage_account.this.primary_blob_endpoint
}

output "container_name" {
  description = "Name of the artifacts container."
  value       = azurerm_storage_container.artifacts.name
}

output "container_id" {
  description = "Resource Manager ID of the artifacts container: the scope of the data proxy's role assignment (input of the identity module)."
  value       = azurerm_storage_container.artifacts.id
}
