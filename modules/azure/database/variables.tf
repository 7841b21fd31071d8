variable "name" {
  description = "Server name: 3-63 lowercase letters, digits and '-', globally unique (<name>.postgres.database.azure.com)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.name))
    error_message = "name must be 3-63 lowercase letters, digits and '-', starting and ending with a letter or digit."
  }
}

variable "resource_group_name" {
  description = "Resource group of the server (network module output resource_group_name)."
  type        = string
}

variable "location" {
  description = "Azure region (network module output location)."
  type        = string
}

variable "project" {
  description = "Project name; set as the \"project\" tag on every taggable resource."
  type        = string
}

variable "environment" {
  description = "Environment name; set as the \"environment\" tag on every taggable resource."
  type        = string
}

variable "tags" {
  description = "Additional tags for every taggable resource. \"project\" and \"environment\" always win."
  type        = map(string)
  default     = {}
}


variable "vnet_id" {
  description = "ID of the virtual network the private DNS zone is linked to (network module output vnet_id)."
  type        = string
}

variable "subnet_id" {
  description = "ID of the subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers (network module output database_subnet_id)."
  type        = string
}

variable "postgresql_version" {
  description = "PostgreSQL major version, e.g. \"15\"."
  type        = string
  default     = "15"
}

variable "sku_name" {
  description = "Compute SKU, e.g. \"B_Standard_B2s\", \"GP_Standard_D2ds_v5\" (see the size table in modules/README.md)."
  type        = string
}

variable "storage_mb" {
  description = "Storage size in MiB (32768, 65536, 131072, 262144, 524288, ...); grows automatically."
  type        = number
  default     = 32768
}

variable "high_availability" {
  description = "Zone-redundant standby (not available on Burstable SKUs)."
  type        = bool
  default     = false
}

variable "zone" {
  description = "Availability zone of the primary, e.g. \"1\". null: Azure picks."
  type        = string
  default     = null
}

variable "backup_retention_days" {
  description = "Days of backups (point-in-time recovery window), 7-35."
  type        = number
  default     = 7
}

variable "database_name" {
  description = "Name of the database created on the server."
  type        = string
  default     = "ivcap"
}

variable "administrator_login" {
  description = "Administrator login (not azure_superuser, admin, administrator, root, guest or public)."
  type        = string
  default     = "ivcapadmin"
}

variable "administrator_password_secret" {
  description = <<-EOT
    Key Vault secret holding the administrator password: { key_vault_name, name }. The vault is found by name in the
    provider's subscription; the secret is read through an ephemeral resource and passed as a write-only attribute,
    so it never appears in the plan or the state. The Terraform identity needs "Key Vault Secrets User" on the vault.
  EOT
  type = object({
    key_vault_name = string
    name           = string
  })
}

variable "administrator_password_version" {
  description = "Bump after rotating the secret to push the new password to the server."
  type        = number
  default     = 1
}
