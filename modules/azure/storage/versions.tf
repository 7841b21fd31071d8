terraform {
  required_version = ">= 1.5"

  required_providers {
    azurerm = {
      source = "hashicorp/azurerm"
      # 4.9: azurerm_storage_container.storage_account_id (Resource Manager
      # API, so shared-key access can stay disabled).
      version = "~> 4.9"
    }
  }
}
