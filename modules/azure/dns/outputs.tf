output "zone_id" {
  description = "Resource ID of the DNS zone."
  value       = var.create_zone ? azurerm_dns_zone.this[0].id : data.azurerm_dns_zone.this[0].id
}

output "name_servers" {
  description = "Name servers of the created zone, to delegate from the parent zone; empty when the zone was not created here."
  value       = var.create_zone ? azurerm_dns_zone.this[0].name_servers : []
}

output "api_fqdn" {
  description = "Fully qualified name of the platform API."
  value       = "api.${var.domain}"
}

output "record_fqdns" {
  description = "Fully qualified names of the records created (empty until ingress_ip or ingress_hostname is set)."
  value       = sort(concat([for r in azurerm_dns_a_record.ingress : r.fqdn], [for r in azurerm_dns_cname_record.ingress : r.fqdn]))
}
