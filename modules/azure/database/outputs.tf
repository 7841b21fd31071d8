output "server_id" {
  description = "Resource ID of the server."
  value       = azurerm_postgresql_flexible_server.this.id
}

output "host" {
  description = "Host name of the server (private; resolvable inside the VNet)."
  value       = azurerm_postgresql_flexible_server.this.fqdn
}

output "port" {
  description = "Port of the server."
  value       = 5432
}

output "db_name" {
  description = "Name of the database."
  value       = azurerm_postgresql_flexible_server_database.this.name
}

output "administrator_login" {
  description = "Administrator login (the password stays in Key Vault)."
  value       = azurerm_postgresql_flexible_server.this.administrator_login
}
