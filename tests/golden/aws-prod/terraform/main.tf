locals {
  # Object names: <project>-<environment>, "_" -> "-".
  name = replace("${var.project}-${var.environment}", "_", "-")

  # spec.database.size -> RDS (table in modules/README.md).
  database_sizes = {
    small  = { instance_class = "db.t4g.medium", allocated_storage = 20, max_allocated_storage = 100, multi_az = false }
    medium = { instance_class = "db.m6g.large", allocated_storage = 100, max_allocated_storage = 500, multi_az = true }
    large  = { instance_class = "db.r6g.xlarge", allocated_storage = 500, max_allocated_storage = 2000, multi_az = true }
  }
  database = local.database_sizes[var.database.size]

  # ["secretsmanager" | "ssm", "<id>"]
  password_ref = var.database_password_ref == null ? null : regex("^aws-(secretsmanager|ssm)://(.+)$", var.database_password_ref)
}

module "network" {
  source = "./modules/network"

  name        = local.name
  project     = var.project
  environment = var.environment
  tags        = var.tags

  azs = var.azs
}

module "cluster" {
  source = "./modules/cluster"

  name        = local.name
  project     = var.project
  environment = var.environment
  tags        = var.tags

  kubernetes_version   = var.kubernetes_version
  subnet_ids           = module.network.private_subnet_ids
  admin_principal_arns = var.cluster_admin_principals

  node_pools = [
    for p in var.node_pools : {
      name          = p.name
      instance_type = p.size
      min_size      = p.min
      max_size      = p.max
      gpu           = p.gpu != null
      labels        = p.labels
      taints        = p.taints
      disk_size     = p.gpu != null ? 100 : 50
    }
  ]
}

module "storage" {
  source = "./modules/storage"

  bucket_prefix = "${substr(local.name, 0, 26)}-artifacts-"
  project       = var.project
  environment   = var.environment
  tags          = var.tags
}

module "database" {
  source = "./modules/database"
  count  = var.database.managed ? 1 : 0

  identifier  = local.name
  project     = var.project
  environment = var.environment
  tags        = var.tags

  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.private_subnet_ids
  allowed_security_group_ids = [module.cluster.cluster_security_group_id]

  engine_version        = var.database.version
  instance_class        = local.database.instance_class
  allocated_storage     = local.database.allocated_storage
  max_allocated_storage = local.database.max_allocated_storage
  multi_az              = local.database.multi_az

  master_password_secret = {
    source = local.password_ref[0]
    id     = local.password_ref[1]
  }
  account_id = var.aws_account_id
}

module "dns" {
  source = "./modules/dns"

  domain      = var.domain
  project     = var.project
  environment = var.environment
  tags        = var.tags

  create_zone      = var.dns_zone_id == null
  zone_id          = var.dns_zone_id
  ingress_hostname = var.ingress_hostname
}

module "identity" {
  source = "./modules/identity"

  name        = local.name
  project     = var.project
  environment = var.environment
  tags        = var.tags

  oidc_provider_arn     = module.cluster.oidc_provider_arn
  oidc_provider         = module.cluster.oidc_provider
  artifacts_bucket_arn  = module.storage.bucket_arn
  artifacts_kms_key_arn = module.storage.kms_key_arn

  data_proxy_service_accounts = var.data_proxy_service_accounts
}
