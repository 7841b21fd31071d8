# Root variables: the Environment, nearly verbatim (terraform.tfvars.json).

variable "project" {
  description = "spec.project"
  type        = string
}

variable "environment" {
  description = "metadata.name"
  type        = string
}

variable "region" {
  description = "spec.region"
  type        = string
}

variable "domain" {
  description = "spec.domain"
  type        = string
}

variable "azs" {
  description = "Availability zones (three, in spec.region). null: looked up through the AWS API."
  type        = list(string)
  default     = null
}

variable "kubernetes_version" {
  description = "spec.cluster.kubernetesVersion"
  type        = string
}

variable "node_pools" {
  description = "spec.cluster.nodePools"
  type = list(object({
    name = string
    size = string
    min  = number
    max  = number
    gpu = optional(object({
      type  = string
      count = number
    }))
    labels = optional(map(string), {})
    taints = optional(list(object({
      key    = string
      value  = optional(string)
      effect = string
    })), [])
  }))
}

variable "database" {
  description = "spec.database"
  type = object({
    managed = bool
    version = string
    size    = string
  })

  validation {
    condition     = contains(["small", "medium", "large"], var.database.size)
    error_message = "database.size must be small, medium or large."
  }

  validation {
    condition     = !var.database.managed || var.database_password_ref != null
    error_message = "A managed database needs database_password_ref (spec.secrets.database-password)."
  }
}

variable "database_password_ref" {
  description = "spec.secrets.database-password.ref: aws-secretsmanager://<secret name or ARN> or aws-ssm://<parameter name>."
  type        = string
  default     = null

  validation {
    condition     = var.database_password_ref == null ? true : can(regex("^aws-(secretsmanager|ssm)://.+$", var.database_password_ref))
    error_message = "database_password_ref must be aws-secretsmanager://<name> or aws-ssm://<parameter>."
  }
}

variable "aws_account_id" {
  description = "AWS account ID; only needed for an aws-ssm:// password reference (null: looked up through STS)."
  type        = string
  default     = null
}

variable "data_proxy_service_accounts" {
  description = "\"<namespace>:<serviceaccount>\" of the data proxy (spec.namespaces.platform)."
  type        = list(string)
}

variable "cluster_admin_principals" {
  description = "IAM ARNs with cluster-admin besides the identity running Terraform."
  type        = list(string)
  default     = []
}

variable "dns_zone_id" {
  description = "Existing Route 53 zone for spec.domain. null: the zone is created (delegate it with the dns_name_servers output)."
  type        = string
  default     = null
}

variable "ingress_hostname" {
  description = "Host name of the ingress load balancer, known after wave 3. null: no DNS records yet."
  type        = string
  default     = null
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}
