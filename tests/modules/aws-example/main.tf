# A hand-written root module in the shape the generator will emit for an
# "aws-prod" Environment (see modules/README.md, "Root-module contract").
# tests/modules/run.sh plans it offline.

terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

provider "aws" {
  region = "ap-southeast-2"
}

locals {
  project     = "ivcap"
  environment = "aws-prod"
  name        = "ivcap-aws-prod"
  domain      = "prod.example.org"
  tags        = { "managed-by" = "ivcapgen" }
}

module "network" {
  source = "../../../modules/aws/network"

  name        = local.name
  project     = local.project
  environment = local.environment
  tags        = local.tags

  cidr = "10.40.0.0/16"
  azs  = ["ap-southeast-2a", "ap-southeast-2b", "ap-southeast-2c"]
}

module "cluster" {
  source = "../../../modules/aws/cluster"

  name        = local.name
  project     = local.project
  environment = local.environment
  tags        = local.tags

  kubernetes_version = "1.32"
  subnet_ids         = module.network.private_subnet_ids
  admin_principal_arns = [
    "arn:aws:iam::111122223333:role/ivcap-deploy",
  ]

  node_pools = [
    {
      name          = "system"
      instance_type = "m6i.xlarge"
      min_size      = 2
      max_size      = 4
    },
    {
      name          = "gpu"
      instance_type = "g4dn.xlarge"
      min_size      = 0
      max_size      = 2
      gpu           = true
      disk_size     = 100
      labels = {
        "ivcap.io/accelerator" = "nvidia-tesla-t4"
      }
      taints = [
        { key = "nvidia.com/gpu", value = "present", effect = "NoSchedule" },
      ]
    },
  ]
}

module "storage" {
  source = "../../../modules/aws/storage"

  bucket_prefix = "ivcap-aws-prod-artifacts-"
  project       = local.project
  environment   = local.environment
  tags          = local.tags

  noncurrent_version_expiration_days = 30
}

module "database" {
  source = "../../../modules/aws/database"

  identifier  = local.name
  project     = local.project
  environment = local.environment
  tags        = local.tags

  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.private_subnet_ids
  allowed_security_group_ids = [module.cluster.cluster_security_group_id]

  engine_version    = "15"
  instance_class    = "db.t4g.medium"
  allocated_storage = 20
  multi_az          = false

  # spec.secrets.database-password.ref: "aws-secretsmanager://ivcap/aws-prod/db-password"
  master_password_secret = {
    source = "secretsmanager"
    id     = "ivcap/aws-prod/db-password"
  }
}

module "dns" {
  source = "../../../modules/aws/dns"

  domain      = local.domain
  project     = local.project
  environment = local.environment
  tags        = local.tags

  create_zone      = true
  ingress_hostname = "a1b2c3d4e5f6-1234567890.elb.ap-southeast-2.amazonaws.com"
}

module "identity" {
  source = "../../../modules/aws/identity"

  name        = local.name
  project     = local.project
  environment = local.environment
  tags        = local.tags

  oidc_provider_arn     = module.cluster.oidc_provider_arn
  oidc_provider         = module.cluster.oidc_provider
  artifacts_bucket_arn  = module.storage.bucket_arn
  artifacts_kms_key_arn = module.storage.kms_key_arn

  data_proxy_service_accounts = ["ivcap-system:data-proxy"]
}
