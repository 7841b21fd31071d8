variable "name" {
  description = "Name of the EKS cluster; also the prefix of its IAM roles and log group."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9-]{0,55}$", var.name))
    error_message = "name must start with a letter and have at most 56 letters, digits and '-' (IAM role names append up to 8 characters)."
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

variable "kubernetes_version" {
  description = "Kubernetes minor version of the control plane and the node groups, e.g. \"1.32\"."
  type        = string

  validation {
    condition     = can(regex("^1\\.[0-9]+$", var.kubernetes_version))
    error_message = "kubernetes_version must be a minor version such as \"1.32\"."
  }
}

variable "subnet_ids" {
  description = "Private subnet IDs (at least two AZs) for the control-plane ENIs and the node groups."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "EKS needs subnets in at least two availability zones."
  }
}

variable "endpoint_public_access" {
  description = "Expose the Kubernetes API endpoint publicly (restricted by endpoint_public_access_cidrs). The private endpoint is always on."
  type        = bool
  default     = true
}

variable "endpoint_public_access_cidrs" {
  description = "CIDR blocks allowed to reach the public API endpoint. Narrow this to your CI runners and operators."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "enabled_log_types" {
  description = "Control-plane log types sent to CloudWatch Logs."
  type        = list(string)
  default     = ["api", "audit", "authenticator"]
}

variable "log_retention_days" {
  description = "Retention of the control-plane log group in days."
  type        = number
  default     = 90
}

variable "secrets_kms_key_arn" {
  description = "KMS key ARN for envelope encryption of Kubernetes secrets. null: EKS default envelope encryption with an AWS-owned key."
  type        = string
  default     = null
}

variable "node_pools" {
  description = <<-EOT
    Managed node groups, one per pool:
      name           pool name (lowercase, becomes the node group name prefix)
      instance_type  EC2 instance type, e.g. "m6i.xlarge", "g4dn.xlarge"
      min_size, max_size, desired_size (desired defaults to min_size; later changes by the autoscaler are ignored)
      labels         Kubernetes node labels
      taints         Kubernetes-style taints: { key, value, effect = NoSchedule | PreferNoSchedule | NoExecute }
      gpu            true: use the NVIDIA GPU AMI (AL2023_x86_64_NVIDIA); the taint is NOT added implicitly, pass it in taints
      ami_type       overrides the AMI type (e.g. "AL2023_ARM_64_STANDARD" for Graviton)
      capacity_type  ON_DEMAND or SPOT
      disk_size      root volume size in GiB
  EOT
  type = list(object({
    name          = string
    instance_type = string
    min_size      = number
    max_size      = number
    desired_size  = optional(number)
    labels        = optional(map(string), {})
    taints = optional(list(object({
      key    = string
      value  = optional(string)
      effect = string
    })), [])
    gpu           = optional(bool, false)
    ami_type      = optional(string)
    capacity_type = optional(string, "ON_DEMAND")
    disk_size     = optional(number, 50)
  }))

  validation {
    condition     = length(var.node_pools) > 0 && length(distinct([for p in var.node_pools : p.name])) == length(var.node_pools)
    error_message = "node_pools must contain at least one pool, with unique names."
  }

  validation {
    condition     = alltrue([for p in var.node_pools : can(regex("^[a-z][a-z0-9-]{0,30}$", p.name))])
    error_message = "Node pool names must be lowercase letters, digits and '-', starting with a letter, at most 31 characters."
  }

  validation {
    condition     = alltrue([for p in var.node_pools : p.min_size >= 0 && p.max_size >= 1 && p.min_size <= p.max_size && (p.desired_size == null ? true : p.desired_size >= p.min_size && p.desired_size <= p.max_size)])
    error_message = "Each node pool needs 0 <= min_size <= desired_size <= max_size and max_size >= 1."
  }

  validation {
    condition     = alltrue(flatten([for p in var.node_pools : [for t in p.taints : contains(["NoSchedule", "PreferNoSchedule", "NoExecute"], t.effect)]]))
    error_message = "Taint effects must be NoSchedule, PreferNoSchedule or NoExecute."
  }

  validation {
    condition     = alltrue([for p in var.node_pools : contains(["ON_DEMAND", "SPOT"], p.capacity_type)])
    error_message = "capacity_type must be ON_DEMAND or SPOT."
  }
}

variable "oidc_thumbprints" {
  description = <<-EOT
    Server-certificate thumbprints of the cluster's OIDC issuer for the IAM OIDC provider. AWS validates EKS issuers
    against its own trusted CA store and ignores this value, but the API still wants one; the default is the
    well-known thumbprint of the Starfield Services root CA G2 that signs oidc.eks.<region>.amazonaws.com.
  EOT
  type        = list(string)
  default     = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]
}

variable "enable_cluster_creator_admin_permissions" {
  description = "Give the identity that creates the cluster cluster-admin through an EKS access entry. Changing it replaces the cluster."
  type        = bool
  default     = true
}

variable "admin_principal_arns" {
  description = "IAM role/user ARNs that get cluster-admin through EKS access entries (e.g. the CI deploy role). Leave out the identity running Terraform when enable_cluster_creator_admin_permissions is true: it has an entry already."
  type        = list(string)
  default     = []
}

variable "enable_ebs_csi_driver" {
  description = "Install the aws-ebs-csi-driver add-on with its own IRSA role; without it PersistentVolumeClaims on EBS never bind."
  type        = bool
  default     = true
}

variable "addon_versions" {
  description = "Pinned versions of the EKS add-ons by name (vpc-cni, kube-proxy, coredns, aws-ebs-csi-driver). Unset: the default version for the cluster's Kubernetes version at creation."
  type        = map(string)
  default     = {}
}
