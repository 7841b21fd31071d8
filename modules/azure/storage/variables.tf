variable "name" {
  description = "Storage account name: 3-24 lowercase letters and digits, globally unique (see modules/README.md for how the generator derives it)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]{3,24}$", var.name))
    error_message = "name must be 3-24 lowercase letters and digits."
  }
}

variable "resource_group_name" {
  description = "Resource group of the storage account (network module output resource_group_name)."
  type        = string
}

variable "location" {
  description = "Azure region (network module output location)."
  type        = string
}

variable "project" {
  description = "Project name; set as the \"project\" tag on every taggable resource."
  type        = string
}

variable "environment" {
  description = "Environment name; set as the \"environment\" tag on every taggable resource."
  type        = string
}

variable "tags" {
  description = "Additional tags for every taggable resource. \"project\" and \"environment\" always win."
  type        = map(string)
  default     = {}
}


variable "container_name" {
  description = "Name of the blob container holding the artifacts."
  type        = string
  default     = "artifacts"
}

variable "replication_type" {
  description = "Replication of the account: LRS, ZRS, GRS, RAGRS, GZRS or RAGZRS."
  type        = string
  default     = "ZRS"
}

variable "soft_delete_retention_days" {
  description = "Days deleted blobs and containers stay recoverable."
  type        = number
  default     = 7
}

variable "noncurrent_version_expiration_days" {
  description = "Delete previous blob versions this many days after they were superseded. null: keep them."
  type        = number
  default     = null
}
