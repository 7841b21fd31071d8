# spec.terraform.backend (azurerm). Credentials come from the environment of terraform, never from here.
terraform {
  backend "azurerm" {
    resource_group_name  = "tfstate"
    storage_account_name = "tfstate01"
    container_name       = "state"
    key                  = "ivcap/azure-dev.tfstate"
    use_azuread_auth     = true
  }
}
