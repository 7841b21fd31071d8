variable "name" {
  description = "Name of the AKS cluster; also its DNS prefix."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9-]{0,52}[a-zA-Z0-9]$", var.name))
    error_message = "name must be 2-54 letters, digits and '-', starting and ending with a letter or digit."
  }
}

variable "resource_group_name" {
  description = "Resource group of the cluster (network module output resource_group_name)."
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


variable "kubernetes_version" {
  description = "Kubernetes minor version of the control plane and all node pools, e.g. \"1.32\" (AKS picks the latest patch)."
  type        = string

  validation {
    condition     = can(regex("^1\\.[0-9]+$", var.kubernetes_version))
    error_message = "kubernetes_version must be a minor version such as \"1.32\"."
  }
}

variable "subnet_id" {
  description = "ID of the node subnet (network module output aks_subnet_id)."
  type        = string
}

variable "sku_tier" {
  description = "AKS tier: Free, Standard (uptime SLA) or Premium."
  type        = string
  default     = "Standard"
}

variable "system_node_pool" {
  description = <<-EOT
    The system (default) node pool, which runs kube-system and the platform components:
      name        lowercase letters and digits, at most 12 characters, starting with a letter
      vm_size     VM size, e.g. "Standard_D4s_v5"
      min_count (>= 1), max_count, node_count (initial size, defaults to min_count; later changes by the autoscaler are ignored)
      labels      Kubernetes node labels
      only_critical_addons  taint the pool CriticalAddonsOnly=true:NoSchedule (AKS allows no other taint on it)
      os_disk_size_gb       OS disk size
  EOT
  type = object({
    name                 = string
    vm_size              = string
    min_count            = number
    max_count            = number
    node_count           = optional(number)
    labels               = optional(map(string), {})
    only_critical_addons = optional(bool, false)
    os_disk_size_gb      = optional(number, 128)
  })

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{0,11}$", var.system_node_pool.name))
    error_message = "The system pool name must be 1-12 lowercase letters and digits, starting with a letter."
  }

  validation {
    condition     = var.system_node_pool.min_count >= 1 && var.system_node_pool.min_count <= var.system_node_pool.max_count && (var.system_node_pool.node_count == null ? true : var.system_node_pool.node_count >= var.system_node_pool.min_count && var.system_node_pool.node_count <= var.system_node_pool.max_count)
    error_message = "The system pool needs 1 <= min_count <= node_count <= max_count."
  }
}

variable "node_pools" {
  description = <<-EOT
    Additional (user) node pools, e.g. a GPU pool:
      name        lowercase letters and digits, at most 12 characters, starting with a letter
      vm_size     VM size, e.g. "Standard_NC6s_v3" (AKS installs the NVIDIA driver on GPU sizes)
      min_count (may be 0), max_count, node_count (initial size, defaults to min_count; later changes by the autoscaler are ignored)
      labels      Kubernetes node labels
      taints      Kubernetes-style taints: { key, value, effect = NoSchedule | PreferNoSchedule | NoExecute }
      os_disk_size_gb  OS disk size
  EOT
  type = list(object({
    name       = string
    vm_size    = string
    min_count  = number
    max_count  = number
    node_count = optional(number)
    labels     = optional(map(string), {})
    taints = optional(list(object({
      key    = string
      value  = optional(string)
      effect = string
    })), [])
    os_disk_size_gb = optional(number, 128)
  }))
  default = []

  validation {
    condition     = length(distinct([for p in var.node_pools : p.name])) == length(var.node_pools)
    error_message = "Node pool names must be unique."
  }

  validation {
    condition     = alltrue([for p in var.node_pools : can(regex("^[a-z][a-z0-9]{0,11}$", p.name))])
    error_message = "Node pool names must be 1-12 lowercase letters and digits, starting with a letter (AKS rule for Linux pools)."
  }

  validation {
    condition     = alltrue([for p in var.node_pools : p.min_count >= 0 && p.max_count >= 1 && p.min_count <= p.max_count && (p.node_count == null ? true : p.node_count >= p.min_count && p.node_count <= p.max_count)])
    error_message = "Each node pool needs 0 <= min_count <= node_count <= max_count and max_count >= 1."
  }

  validation {
    condition     = alltrue(flatten([for p in var.node_pools : [for t in p.taints : contains(["NoSchedule", "PreferNoSchedule", "NoExecute"], t.effect)]]))
    error_message = "Taint effects must be NoSchedule, PreferNoSchedule or NoExecute."
  }
}

variable "zones" {
  description = "Availability zones for the node pools, e.g. [\"1\", \"2\", \"3\"]. null: no zone pinning (regions without zones)."
  type        = list(string)
  default     = null
}

variable "admin_group_object_ids" {
  description = "Entra ID group object IDs that get cluster-admin (Kubernetes RBAC)."
  type        = list(string)
  default     = []
}

variable "cluster_admin_principal_ids" {
  description = "Entra ID principal object IDs (e.g. the CI deploy identity) that get \"Azure Kubernetes Service RBAC Cluster Admin\" on the cluster. Must be known at plan time."
  type        = list(string)
  default     = []
}

variable "api_server_authorized_ip_ranges" {
  description = "CIDR ranges allowed to reach the API server. Empty: unrestricted. Narrow this to your CI runners and operators."
  type        = list(string)
  default     = []
}

variable "pod_cidr" {
  description = "Overlay CIDR for pod IPs (Azure CNI overlay); must not overlap the VNet."
  type        = string
  default     = "10.244.0.0/16"
}

variable "service_cidr" {
  description = "CIDR for Kubernetes Services; must not overlap the VNet or pod_cidr."
  type        = string
  default     = "172.16.0.0/16"
}

variable "dns_service_ip" {
  description = "Cluster DNS service IP, inside service_cidr."
  type        = string
  default     = "172.16.0.10"
}

variable "automatic_upgrade_channel" {
  description = "AKS automatic upgrade channel: patch, stable, rapid, node-image, or null for none."
  type        = string
  default     = "patch"
}
