# spec.terraform.backend: {type: azurerm, resourceGroup: tfstate, storageAccount: tfstate01, container: state}
terraform {
  backend "azurerm" {
    resource_group_name  = "tfstate"
    storage_account_name = "tfstate01"
    container_name       = "state"
    key                  = "azure-dev.tfstate"
    use_azuread_auth     = true
  }
}
