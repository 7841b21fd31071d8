terraform {
  # 1.11: ephemeral resources (1.10) and write-only attributes (1.11) keep the
  # administrator password out of the plan and the state.
  required_version = ">= 1.11"

  required_providers {
    azurerm = {
      source = "hashicorp/azurerm"
      # 4.21: azurerm_postgresql_flexible_server.administrator_password_wo.
      version = "~> 4.21"
    }
  }
}
