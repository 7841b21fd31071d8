variable "name" {
  description = "Name prefix for every resource (e.g. \"ivcap-aws-prod\")."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,47}$", var.name))
    error_message = "name must be 1-48 characters of lowercase letters, digits and '-'."
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

variable "cidr" {
  description = "IPv4 CIDR block of the VPC."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.cidr, 0))
    error_message = "cidr must be a valid IPv4 CIDR block."
  }
}

variable "azs" {
  description = <<-EOT
    Availability zones to spread the subnets over (2 or 3, e.g. ["ap-southeast-2a", "ap-southeast-2b", "ap-southeast-2c"]).
    Pass them explicitly: null looks the first three available zones up through the AWS API (aws_availability_zones),
    which makes an offline plan impossible and can reshuffle subnets if AWS changes the list.
  EOT
  type        = list(string)
  default     = null

  validation {
    condition     = var.azs == null ? true : (length(var.azs) >= 2 && length(var.azs) <= 3 && length(distinct(var.azs)) == length(var.azs))
    error_message = "azs must list 2 or 3 distinct availability zones (EKS needs subnets in at least two)."
  }
}

variable "private_subnets" {
  description = "CIDR blocks of the private subnets, one per AZ in order. Empty: carve a /19 per AZ out of a /16 (cidrsubnet(cidr, 3, i)), room for VPC-CNI pod IPs."
  type        = list(string)
  default     = []
}

variable "public_subnets" {
  description = "CIDR blocks of the public subnets, one per AZ in order. Empty: a /24 per AZ from the top of a /16 (cidrsubnet(cidr, 8, 240 + i))."
  type        = list(string)
  default     = []
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all AZs (cheaper, but egress fails when its AZ fails). false: one NAT gateway per AZ."
  type        = bool
  default     = false
}

variable "public_subnet_tags" {
  description = "Extra tags for the public subnets (\"kubernetes.io/role/elb\" = \"1\" is always set)."
  type        = map(string)
  default     = {}
}

variable "private_subnet_tags" {
  description = "Extra tags for the private subnets (\"kubernetes.io/role/internal-elb\" = \"1\" is always set)."
  type        = map(string)
  default     = {}
}
