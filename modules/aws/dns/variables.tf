variable "domain" {
  description = "DNS domain of the environment, e.g. \"prod.example.org\"; the API answers at api.<domain>."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$", var.domain))
    error_message = "domain must be a lowercase DNS name without a trailing dot."
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

variable "create_zone" {
  description = "Create a public hosted zone for domain (delegate it from the parent zone with the name_servers output). false: use zone_id, or look the zone up by name."
  type        = bool
  default     = false
}

variable "zone_id" {
  description = "ID of an existing hosted zone for domain. null (and create_zone false): look the zone up by name through the Route 53 API."
  type        = string
  default     = null
}

variable "ingress_hostname" {
  description = "Host name of the ingress load balancer (the EXTERNAL-IP of the ingress-nginx Service on EKS). null: no records yet; it is only known once the ingress controller runs, so set it on a later apply."
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
