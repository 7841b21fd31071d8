# The other two secret-reference forms of the database module, planned offline
# by tests/modules/run.sh against a fake Secrets Manager/SSM endpoint:
#   aws-ssm://ivcap/aws-prod/db-password        -> SSM parameter by name
#   Secrets Manager secret holding a JSON object -> json_key

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
  network = {
    vpc_id             = "vpc-0123456789abcdef0"
    private_subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    cluster_sg_id      = "sg-0123456789abcdef0"
  }
}

module "db_ssm" {
  source = "../../../modules/aws/database"

  identifier  = "ivcap-ssm"
  project     = "ivcap"
  environment = "aws-prod"

  vpc_id                     = local.network.vpc_id
  subnet_ids                 = local.network.private_subnet_ids
  allowed_security_group_ids = [local.network.cluster_sg_id]
  instance_class             = "db.t4g.medium"

  master_password_secret = {
    source = "ssm"
    id     = "ivcap/aws-prod/db-password"
  }
  account_id = "111122223333"
}

module "db_json" {
  source = "../../../modules/aws/database"

  identifier  = "ivcap-json"
  project     = "ivcap"
  environment = "aws-prod"

  vpc_id                     = local.network.vpc_id
  subnet_ids                 = local.network.private_subnet_ids
  allowed_security_group_ids = [local.network.cluster_sg_id]
  instance_class             = "db.m6g.large"
  multi_az                   = true

  master_password_secret = {
    source   = "secretsmanager"
    id       = "arn:aws:secretsmanager:ap-southeast-2:111122223333:secret:ivcap/aws-prod/db-json"
    json_key = "password"
  }
}
