locals {
  tags = merge(var.tags, {
    project     = var.project
    environment = var.environment
  })
}

resource "azurerm_user_assigned_identity" "data_proxy" {
  name                = "${var.name}-data-proxy"
  resource_group_name = var.resource_group_name
  location            = var.location

  tags = local.tags
}

# One credential per service account: a token of exactly that account (and no
# other) can be exchanged for the identity.
resource "azurerm_federated_identity_credential" "data_proxy" {
  for_each = toset(var.data_proxy_service_accounts)

  name                = replace(each.key, ":", "-")
  resource_group_name = var.resource_group_name
  parent_id           = azurerm_user_assigned_identity.data_proxy.id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = var.oidc_issuer_url
  subject             = "system:serviceaccount:${each.key}"
}

# Scoped to the container, not the account.
resource "azurerm_role_assignment" "data_proxy_artifacts" {
  scope                = var.artifacts_container_id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.data_proxy.principal_id
  principal_type       = "ServicePrincipal"
}
