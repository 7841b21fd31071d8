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
  description = "spec.region (Azure location)"
  type        = string
}

variable "domain" {
  description = "spec.domain"
  type        = string
}

variable "kubernetes_version" {
  description = "spec.cluster.kubernetesVersion"
  type        = string
}

variable "node_pools" {
  description = "spec.cluster.nodePools; the pool named \"system\" (else the first) is the AKS system pool."
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
  description = "spec.secrets.database-password.ref: azurekeyvault://<vault>/<secret>."
  type        = string
  default     = null

  validation {
    condition     = var.database_password_ref == null ? true : can(regex("^azurekeyvault://[^/]+/[^/]+$", var.database_password_ref))
    error_message = "database_password_ref must be azurekeyvault://<vault>/<secret>."
  }
}

variable "data_proxy_service_accounts" {
  description = "\"<namespace>:<serviceaccount>\" of the data proxy (spec.namespaces.platform)."
  type        = list(string)
}

variable "admin_group_object_ids" {
  description = "Entra ID groups with cluster-admin."
  type        = list(string)
  default     = []
}

variable "cluster_admin_principal_ids" {
  description = "Entra ID principals (e.g. the deploy identity) with Azure Kubernetes Service RBAC Cluster Admin."
  type        = list(string)
  default     = []
}

variable "dns_zone_resource_group_name" {
  description = "Resource group of an existing DNS zone for spec.domain. null: the zone is created in the environment's resource group."
  type        = string
  default     = null
}

variable "ingress_ip" {
  description = "Public IP of the ingress load balancer, known after wave 3. null: no DNS records yet."
  type        = string
  default     = null
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}
