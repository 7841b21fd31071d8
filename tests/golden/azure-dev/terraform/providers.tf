terraform {
  required_version = ">= 1.11"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.21"
    }
  }
}

# The subscription comes from ARM_SUBSCRIPTION_ID at deploy time.
provider "azurerm" {
  features {}

  # The storage account has shared-key access disabled.
  storage_use_azuread = true
}
