locals {
  tags = merge(var.tags, {
    project     = var.project
    environment = var.environment
  })

  aks_subnet_prefix      = var.aks_subnet_prefix != null ? var.aks_subnet_prefix : cidrsubnet(var.address_space, 4, 0)
  database_subnet_prefix = var.database_subnet_prefix != null ? var.database_subnet_prefix : cidrsubnet(var.address_space, 8, 240)
}

resource "azurerm_resource_group" "this" {
  name     = var.resource_group_name
  location = var.location

  tags = local.tags
}

resource "azurerm_virtual_network" "this" {
  name                = var.name
  resource_group_name = azurerm_resource_group.this.name
  location            = azurerm_resource_group.this.location
  address_space       = [var.address_space]

  tags = local.tags
}

resource "azurerm_subnet" "aks" {
  name                 = "${var.name}-aks"
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [local.aks_subnet_prefix]
}

resource "azurerm_subnet" "database" {
  name                 = "${var.name}-database"
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [local.database_subnet_prefix]

  delegation {
    name = "postgresql-flexible-server"

    service_delegation {
      name    = "Microsoft.DBforPostgreSQL/flexibleServers"
      actions = ["Microsoft.Network/virtualNetworks/subnets/join/action"]
    }
  }
}

# The database subnet accepts PostgreSQL from the AKS subnet and its own
# traffic (HA replication); the rest of the VNet is denied.
resource "azurerm_network_security_group" "database" {
  name                = "${var.name}-database"
  resource_group_name = azurerm_resource_group.this.name
  location            = azurerm_resource_group.this.location

  security_rule {
    name                       = "AllowPostgresFromAks"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "5432"
    source_address_prefix      = local.aks_subnet_prefix
    destination_address_prefix = local.database_subnet_prefix
  }

  security_rule {
    name                       = "AllowWithinDatabaseSubnet"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = local.database_subnet_prefix
    destination_address_prefix = local.database_subnet_prefix
  }

  security_rule {
    name                       = "DenyOtherVnetInbound"
    priority                   = 4000
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "VirtualNetwork"
    destination_address_prefix = "*"
  }

  tags = local.tags
}

resource "azurerm_subnet_network_security_group_association" "database" {
  subnet_id                 = azurerm_subnet.database.id
  network_security_group_id = azurerm_network_security_group.database.id
}
