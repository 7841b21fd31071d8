variable "bucket" {
  description = "Exact bucket name. Bucket names are global: prefer bucket_prefix unless the name is reserved already. Exactly one of bucket and bucket_prefix."
  type        = string
  default     = null
}

variable "bucket_prefix" {
  description = "Bucket name prefix (at most 37 characters); AWS appends a unique suffix, so the name cannot be guessed or squatted. Exactly one of bucket and bucket_prefix."
  type        = string
  default     = null

  validation {
    condition     = var.bucket_prefix == null ? true : can(regex("^[a-z0-9][a-z0-9-]{0,36}$", var.bucket_prefix))
    error_message = "bucket_prefix must be at most 37 lowercase letters, digits and '-'."
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

variable "kms_key_arn" {
  description = "Customer-managed KMS key ARN for SSE-KMS (with an S3 bucket key). null: SSE-S3 (AES256)."
  type        = string
  default     = null
}

variable "force_destroy" {
  description = "Allow destroying the bucket while it still holds objects. Keep false outside throw-away environments."
  type        = bool
  default     = false
}

variable "noncurrent_version_expiration_days" {
  description = "Delete noncurrent object versions this many days after they were superseded. null: keep them."
  type        = number
  default     = null
}

variable "abort_incomplete_multipart_upload_days" {
  description = "Abort multipart uploads still incomplete after this many days. null: never."
  type        = number
  default     = 7
}
