variable "identifier" {
  description = "RDS instance identifier; also the name of its subnet group and the prefix of its security group."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,59}$", var.identifier)) && !can(regex("--|-$", var.identifier))
    error_message = "identifier must start with a letter, hold at most 60 lowercase letters, digits and single '-', and not end with '-'."
  }
}

variable "project" {
  description = "Project name; set as the \"project\" tag on every resource."
  type        = string
}

variable "environment" {
  description = "Environment name; set as the \"environment\" tag on every resource."
  type        = string
}

variable "tags" {
  description = "Additional tags for every resource. \"project\" and \"environment\" always win."
  type        = map(string)
  default     = {}
}

variable "vpc_id" {
  description = "VPC of the database security group."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnet IDs (at least two AZs) for the DB subnet group."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "A DB subnet group needs subnets in at least two availability zones."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups allowed to connect on the database port: the cluster security group, nothing else."
  type        = list(string)
}

variable "engine_version" {
  description = "PostgreSQL major (\"15\") or major.minor (\"15.8\") version. A major version lets RDS pick and upgrade the minor."
  type        = string
  default     = "15"
}

variable "instance_class" {
  description = "RDS instance class, e.g. \"db.t4g.medium\" (see the size table in modules/README.md)."
  type        = string
}

variable "allocated_storage" {
  description = "Initial storage in GiB (gp3)."
  type        = number
  default     = 20
}

variable "max_allocated_storage" {
  description = "Upper limit in GiB for storage autoscaling; 0 disables autoscaling."
  type        = number
  default     = 100
}

variable "multi_az" {
  description = "Run a synchronous standby in a second AZ."
  type        = bool
  default     = false
}

variable "db_name" {
  description = "Name of the database created with the instance."
  type        = string
  default     = "ivcap"
}

variable "master_username" {
  description = "Master user name."
  type        = string
  default     = "ivcapadmin"
}

variable "master_password_secret" {
  description = <<-EOT
    Reference to the secret holding the master password:
      source   "secretsmanager": id is the secret name or ARN; the secret string is the password,
               or a JSON object whose json_key field is the password.
               "ssm": id is the SecureString parameter name ("/ivcap/db-password") or ARN.
      id       see source
      json_key secretsmanager only, optional
    The module reads it at plan and apply time through an ephemeral resource and hands it to RDS as a write-only
    attribute, so it never appears in the plan or the state.
  EOT
  type = object({
    source   = string
    id       = string
    json_key = optional(string)
  })

  validation {
    condition     = contains(["secretsmanager", "ssm"], var.master_password_secret.source)
    error_message = "master_password_secret.source must be \"secretsmanager\" or \"ssm\"."
  }

  validation {
    condition     = var.master_password_secret.source == "secretsmanager" || var.master_password_secret.json_key == null
    error_message = "master_password_secret.json_key applies to Secrets Manager secrets only."
  }
}

variable "master_password_version" {
  description = "Bump after rotating the referenced secret to push the new password to RDS (write-only attributes are only sent when their version changes)."
  type        = number
  default     = 1
}

variable "account_id" {
  description = "AWS account ID, needed only to build the ARN of an SSM parameter given by name. null: look it up (aws_caller_identity) in that case."
  type        = string
  default     = null
}

variable "kms_key_arn" {
  description = "KMS key ARN for storage encryption. null: the AWS-managed aws/rds key. Storage is encrypted either way."
  type        = string
  default     = null
}

variable "backup_retention_period" {
  description = "Days of automated backups (point-in-time recovery window)."
  type        = number
  default     = 7
}

variable "deletion_protection" {
  description = "Refuse to delete the instance. Turn off deliberately before a destroy."
  type        = bool
  default     = true
}

variable "skip_final_snapshot" {
  description = "Destroy without a final snapshot. Keep false outside throw-away environments."
  type        = bool
  default     = false
}

variable "apply_immediately" {
  description = "Apply modifications now instead of in the next maintenance window."
  type        = bool
  default     = false
}
