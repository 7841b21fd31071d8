variable "domain" {
  description = "DNS domain of the environment, e.g. \"dev.example.org\"; the API answers at api.<domain>."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$", var.domain))
    error_message = "domain must be a lowercase DNS name without a trailing dot."
  }
}

variable "resource_group_name" {
  description = "Resource group of the zone: where it is created (create_zone) or looked up."
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


variable "create_zone" {
  description = "Create the DNS zone (delegate it from the parent zone with the name_servers output). false: use the existing zone of that name in resource_group_name."
  type        = bool
  default     = false
}

variable "ingress_ip" {
  description = "Public IP of the ingress load balancer (A records). Known only once the ingress controller runs: null creates no records yet."
  type        = string
  default     = null
}

variable "ingress_hostname" {
  description = "Host name of the ingress (CNAME records) when it has no fixed IP. At most one of ingress_ip and ingress_hostname."
  type        = string
  default     = null
}

variable "record_names" {
  description = "Names inside the zone that point at the ingress: \"api\" for the platform API, \"*\" to route every app host (<host>.<domain>) too."
  type        = list(string)
  default     = ["api"]
}

variable "ttl" {
  description = "TTL of the records in seconds."
  type        = number
  default     = 300
}
