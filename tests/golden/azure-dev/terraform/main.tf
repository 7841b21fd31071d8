locals {
  # Object names: <project>-<environment>, "_" -> "-".
  name = replace("${var.project}-${var.environment}", "_", "-")

  # Storage account names are global, 3-24 of [a-z0-9]: a readable prefix and
  # a stable hash of the environment.
  storage_account_name = "${substr(replace(local.name, "/[^a-z0-9]/", ""), 0, 18)}${substr(sha256(local.name), 0, 6)}"

  # spec.database.size -> Flexible Server (table in modules/README.md).
  database_sizes = {
    small  = { sku_name = "B_Standard_B2s", storage_mb = 32768, high_availability = false }
    medium = { sku_name = "GP_Standard_D2ds_v5", storage_mb = 131072, high_availability = true }
    large  = { sku_name = "MO_Standard_E4ds_v5", storage_mb = 524288, high_availability = true }
  }
  database = local.database_sizes[var.database.size]

  # ["<vault>", "<secret>"]
  password_ref = var.database_password_ref == null ? null : regex("^azurekeyvault://([^/]+)/([^/]+)$", var.database_password_ref)

  system_pool = length([for p in var.node_pools : p if p.name == "system"]) > 0 ? one([for p in var.node_pools : p if p.name == "system"]) : var.node_pools[0]
  user_pools  = [for p in var.node_pools : p if p.name != local.system_pool.name]
}

module "network" {
  source = "./modules/network"

  name                = local.name
  resource_group_name = "rg-${local.name}"
  location            = var.region
  project             = var.project
  environment         = var.environment
  tags                = var.tags
}

module "cluster" {
  source = "./modules/cluster"

  name                = local.name
  resource_group_name = module.network.resource_group_name
  location            = module.network.location
  project             = var.project
  environment         = var.environment
  tags                = var.tags

  kubernetes_version          = var.kubernetes_version
  subnet_id                   = module.network.aks_subnet_id
  admin_group_object_ids      = var.admin_group_object_ids
  cluster_admin_principal_ids = var.cluster_admin_principal_ids

  system_node_pool = {
    name      = local.system_pool.name
    vm_size   = local.system_pool.size
    min_count = max(local.system_pool.min, 1)
    max_count = local.system_pool.max
    labels    = local.system_pool.labels
  }

  node_pools = [
    for p in local.user_pools : {
      name      = p.name
      vm_size   = p.size
      min_count = p.min
      max_count = p.max
      labels    = p.labels
      taints    = p.taints
    }
  ]
}

module "storage" {
  source = "./modules/storage"

  name                = local.storage_account_name
  resource_group_name = module.network.resource_group_name
  location            = module.network.location
  project             = var.project
  environment         = var.environment
  tags                = var.tags
}

module "database" {
  source = "./modules/database"
  count  = var.database.managed ? 1 : 0

  name                = "${local.name}-db"
  resource_group_name = module.network.resource_group_name
  location            = module.network.location
  project             = var.project
  environment         = var.environment
  tags                = var.tags

  vnet_id   = module.network.vnet_id
  subnet_id = module.network.database_subnet_id

  postgresql_version = var.database.version
  sku_name           = local.database.sku_name
  storage_mb         = local.database.storage_mb
  high_availability  = local.database.high_availability

  administrator_password_secret = {
    key_vault_name = local.password_ref[0]
    name           = local.password_ref[1]
  }
}

module "dns" {
  source = "./modules/dns"

  domain              = var.domain
  resource_group_name = coalesce(var.dns_zone_resource_group_name, module.network.resource_group_name)
  project             = var.project
  environment         = var.environment
  tags                = var.tags

  create_zone = var.dns_zone_resource_group_name == null
  ingress_ip  = var.ingress_ip
}

module "identity" {
  source = "./modules/identity"

  name                = local.name
  resource_group_name = module.network.resource_group_name
  location            = module.network.location
  project             = var.project
  environment         = var.environment
  tags                = var.tags

  oidc_issuer_url        = module.cluster.oidc_issuer_url
  artifacts_container_id = module.storage.container_id

  data_proxy_service_accounts = var.data_proxy_service_accounts
}
