locals {
  tags = merge(var.tags, {
    project     = var.project
    environment = var.environment
  })
}

# Key Vault names are globally unique, so the name alone identifies the vault.
data "azurerm_resources" "key_vault" {
  type = "Microsoft.KeyVault/vaults"
  name = var.administrator_password_secret.key_vault_name

  lifecycle {
    postcondition {
      condition     = length(self.resources) == 1
      error_message = "Key Vault \"${var.administrator_password_secret.key_vault_name}\" not found in this subscription."
    }
  }
}

# Ephemeral: read at plan and apply, never written to the plan or the state.
ephemeral "azurerm_key_vault_secret" "administrator_password" {
  name         = var.administrator_password_secret.name
  key_vault_id = data.azurerm_resources.key_vault.resources[0].id
}

# Private access only: the server gets an address in the delegated subnet and
# a name in this zone, resolvable from the linked VNet.
resource "azurerm_private_dns_zone" "this" {
  name                = "${var.name}.private.postgres.database.azure.com"
  resource_group_name = var.resource_group_name

  tags = local.tags
}

resource "azurerm_private_dns_zone_virtual_network_link" "this" {
  name                  = "${var.name}-vnet"
  resource_group_name   = var.resource_group_name
  private_dns_zone_name = azurerm_private_dns_zone.this.name
  virtual_network_id    = var.vnet_id
  registration_enabled  = false

  tags = local.tags
}

resource "azurerm_postgresql_flexible_server" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  location            = var.location
  version             = var.postgresql_version
  sku_name            = var.sku_name
  zone                = var.zone

  storage_mb        = var.storage_mb
  auto_grow_enabled = true

  delegated_subnet_id           = var.subnet_id
  private_dns_zone_id           = azurerm_private_dns_zone.this.id
  public_network_access_enabled = false

  administrator_login = var.administrator_login
  # Write-only: sent when administrator_password_version changes, never stored.
  administrator_password_wo         = ephemeral.azurerm_key_vault_secret.administrator_password.value
  administrator_password_wo_version = var.administrator_password_version

  authentication {
    password_auth_enabled         = true
    active_directory_auth_enabled = false
  }

  backup_retention_days        = var.backup_retention_days
  geo_redundant_backup_enabled = false

  dynamic "high_availability" {
    for_each = var.high_availability ? ["ZoneRedundant"] : []

    content {
      mode = high_availability.value
    }
  }

  tags = local.tags

  lifecycle {
    # Azure swaps primary and standby zones on failover.
    ignore_changes = [zone, high_availability[0].standby_availability_zone]
  }

  depends_on = [azurerm_private_dns_zone_virtual_network_link.this]
}

resource "azurerm_postgresql_flexible_server_database" "this" {
  name      = var.database_name
  server_id = azurerm_postgresql_flexible_server.this.id
  charset   = "UTF8"
  collation = "en_US.utf8"
}
