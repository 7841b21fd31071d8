output "resource_group_name" {
  description = "Name of the resource group (input of every other module)."
  value       = azurerm_resource_group.this.name
}

output "location" {
  description = "Azure region of the resource group."
  value       = azurerm_resource_group.this.location
}

output "vnet_id" {
  description = "ID of the virtual network."
  value       = azurerm_virtual_network.this.id
}

output "vnet_name" {
  description = "Name of the virtual network."
  value       = azurerm_virtual_network.this.name
}

output "aks_subnet_id" {
  description = "ID of the AKS node subnet."
  value       = azurerm_subnet.aks.id
}

output "database_subnet_id" {
  description = "ID of the subnet delegated to PostgreSQL Flexible Server."
  value       = azurerm_subnet.database.id
}
