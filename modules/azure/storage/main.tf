locals {
  tags = merge(var.tags, {
    project     = var.project
    environment = var.environment
  })
}

resource "azurerm_storage_account" "this" {
  name                     = var.name
  resource_group_name      = var.resource_group_name
  location                 = var.location
  account_kind             = "StorageV2"
  account_tier             = "Standard"
  account_replication_type = var.replication_type
  access_tier              = "Hot"

  min_tls_version                   = "TLS1_2"
  https_traffic_only_enabled        = true
  allow_nested_items_to_be_public   = false
  cross_tenant_replication_enabled  = false
  infrastructure_encryption_enabled = true

  # Entra ID (RBAC) by default; the account key exists only for Argo's
  # executor, whose Azure artifact driver takes an account key or the pod's
  # workload identity, and a workload identity would reach the service
  # containers too (SPEC 2.4). The key lives only in the Secret
  # ivcap-artifact-repository of the services namespace.
  shared_access_key_enabled       = true
  default_to_oauth_authentication = true

  blob_properties {
    versioning_enabled = true

    delete_retention_policy {
      days = var.soft_delete_retention_days
    }

    container_delete_retention_policy {
      days = var.soft_delete_retention_days
    }
  }

  tags = local.tags
}

# Created through the Resource Manager API (storage_account_id), so shared-key
# access can stay disabled.
resource "azurerm_storage_container" "artifacts" {
  name                  = var.container_name
  storage_account_id    = azurerm_storage_account.this.id
  container_access_type = "private"
}

resource "azurerm_storage_management_policy" "this" {
  count = var.noncurrent_version_expiration_days == null ? 0 : 1

  storage_account_id = azurerm_storage_account.this.id

  rule {
    name    = "expire-noncurrent-versions"
    enabled = true

    filters {
      blob_types = ["blockBlob"]
    }

    actions {
      version {
        delete_after_days_since_creation = var.noncurrent_version_expiration_days
      }
    }
  }
}
