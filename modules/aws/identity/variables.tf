variable "name" {
  description = "Name prefix of the IAM roles (e.g. \"ivcap-aws-prod\"); the data-proxy role is \"<name>-data-proxy\"."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9+=,.@_-]{1,52}$", var.name))
    error_message = "name must be at most 52 characters valid in IAM role names."
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

variable "oidc_provider_arn" {
  description = "ARN of the cluster's IAM OIDC provider (cluster module output oidc_provider_arn)."
  type        = string
}

variable "oidc_provider" {
  description = "OIDC issuer of the cluster without \"https://\" (cluster module output oidc_provider)."
  type        = string
}

variable "artifacts_bucket_arn" {
  description = "ARN of the artifacts bucket (storage module output bucket_arn)."
  type        = string
}

variable "artifacts_kms_key_arn" {
  description = "KMS key encrypting the bucket (storage module output kms_key_arn); null for SSE-S3."
  type        = string
  default     = null
}

variable "data_proxy_service_accounts" {
  description = "Kubernetes service accounts, as \"<namespace>:<name>\", that may assume the data-proxy role and so read and write the artifacts bucket. No other identity gets storage access."
  type        = list(string)

  validation {
    condition     = length(var.data_proxy_service_accounts) > 0 && alltrue([for sa in var.data_proxy_service_accounts : can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-.a-z0-9]*[a-z0-9])?$", sa))])
    error_message = "data_proxy_service_accounts must list at least one \"<namespace>:<serviceaccount>\" (no wildcards)."
  }
}
