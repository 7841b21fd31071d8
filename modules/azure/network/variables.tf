variable "name" {
  description = "Name prefix of the virtual network and its subnets (e.g. \"ivcap-azure-dev\")."
  type        = string
}

variable "resource_group_name" {
  description = "Name of the resource group this module creates; every other module deploys into it."
  type        = string
}

variable "location" {
  description = "Azure region, e.g. \"australiaeast\"."
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


variable "address_space" {
  description = "Address space of the virtual network."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.address_space, 0))
    error_message = "address_space must be a valid IPv4 CIDR block."
  }
}

variable "aks_subnet_prefix" {
  description = "Prefix of the AKS node subnet. null: the first /20 of a /16 address space (cidrsubnet(address_space, 4, 0)). Pods use an overlay CIDR, not this subnet."
  type        = string
  default     = null
}

variable "database_subnet_prefix" {
  description = "Prefix of the subnet delegated to PostgreSQL Flexible Server. null: a /24 from the top of a /16 (cidrsubnet(address_space, 8, 240))."
  type        = string
  default     = null
}
