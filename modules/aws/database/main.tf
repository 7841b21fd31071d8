data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  tags = merge(var.tags, {
    project     = var.project
    environment = var.environment
  })

  secret      = var.master_password_secret
  from_sm     = local.secret.source == "secretsmanager"
  from_ssm    = local.secret.source == "ssm"
  ssm_by_name = local.from_ssm && !startswith(local.secret.id, "arn:")

  # The ephemeral aws_ssm_parameter wants an ARN.
  account_id = var.account_id != null ? var.account_id : one(data.aws_caller_identity.current[*].account_id)
  ssm_parameter_arn = !local.from_ssm ? null : (
    local.ssm_by_name
    ? "arn:${data.aws_partition.current.partition}:ssm:${data.aws_region.current.name}:${local.account_id}:parameter/${trimprefix(local.secret.id, "/")}"
    : local.secret.id
  )

  sm_secret_string = one(ephemeral.aws_secretsmanager_secret_version.master_password[*].secret_string)
  master_password = local.from_sm ? (
    local.secret.json_key == null ? local.sm_secret_string : jsondecode(local.sm_secret_string)[local.secret.json_key]
  ) : one(ephemeral.aws_ssm_parameter.master_password[*].value)
}

data "aws_caller_identity" "current" {
  count = local.ssm_by_name && var.account_id == null ? 1 : 0
}

# Ephemeral: read at plan and apply, never written to the plan or the state.
ephemeral "aws_secretsmanager_secret_version" "master_password" {
  count = local.from_sm ? 1 : 0

  secret_id = local.secret.id
}

ephemeral "aws_ssm_parameter" "master_password" {
  count = local.from_ssm ? 1 : 0

  arn             = local.ssm_parameter_arn
  with_decryption = true
}

resource "aws_db_subnet_group" "this" {
  name       = var.identifier
  subnet_ids = var.subnet_ids

  tags = local.tags
}

resource "aws_security_group" "this" {
  name_prefix = "${var.identifier}-"
  description = "PostgreSQL ${var.identifier}: ingress from the cluster only"
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = var.identifier })

  lifecycle {
    create_before_destroy = true
  }
}

# No egress rules: the database never opens connections.
resource "aws_vpc_security_group_ingress_rule" "postgres" {
  count = length(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.this.id
  description                  = "PostgreSQL from the cluster"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = var.allowed_security_group_ids[count.index]

  tags = local.tags
}

resource "aws_db_instance" "this" {
  identifier     = var.identifier
  engine         = "postgres"
  engine_version = var.engine_version
  instance_class = var.instance_class

  db_name  = var.db_name
  username = var.master_username
  port     = 5432

  # Write-only: sent to RDS when master_password_version changes, never stored.
  password_wo         = local.master_password
  password_wo_version = var.master_password_version

  allocated_storage     = var.allocated_storage
  max_allocated_storage = var.max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.this.id]
  publicly_accessible    = false
  multi_az               = var.multi_az

  # PostgreSQL >= 15 default parameter groups already set rds.force_ssl = 1.
  iam_database_authentication_enabled = true
  auto_minor_version_upgrade          = true
  allow_major_version_upgrade         = false
  apply_immediately                   = var.apply_immediately

  backup_retention_period   = var.backup_retention_period
  copy_tags_to_snapshot     = true
  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = var.skip_final_snapshot
  final_snapshot_identifier = var.skip_final_snapshot ? null : "${var.identifier}-final"

  tags = local.tags
}
