variable "name" {
  description = "Name prefix of the identities (e.g. \"ivcap-azure-dev\"); the data-proxy identity is \"<name>-data-proxy\"."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the identities (network module output resource_group_name)."
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


variable "oidc_issuer_url" {
  description = "OIDC issuer URL of the AKS cluster (cluster module output oidc_issuer_url)."
  type        = string
}

variable "artifacts_container_id" {
  description = "Resource Manager ID of the artifacts container (storage module output container_id): the only scope the data proxy gets access to."
  type        = string
}

variable "data_proxy_service_accounts" {
  description = "Kubernetes service accounts, as \"<namespace>:<name>\", federated with the data-proxy identity (at most 20). No other identity gets storage access."
  type        = list(string)

  validation {
    condition     = length(var.data_proxy_service_accounts) > 0 && length(var.data_proxy_service_accounts) <= 20 && alltrue([for sa in var.data_proxy_service_accounts : can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-.a-z0-9]*[a-z0-9])?$", sa))])
    error_message = "data_proxy_service_accounts must list 1-20 \"<namespace>:<serviceaccount>\" entries (no wildcards)."
  }
}
