output "zone_id" {
  description = "ID of the hosted zone."
  value       = local.zone_id
}

output "name_servers" {
  description = "Name servers of the created zone, to delegate from the parent zone; empty when the zone was not created here."
  value       = var.create_zone ? aws_route53_zone.this[0].name_servers : []
}

output "api_fqdn" {
  description = "Fully qualified name of the platform API."
  value       = "api.${var.domain}"
}

output "record_fqdns" {
  description = "Fully qualified names of the records created (empty until ingress_hostname is set)."
  value       = sort([for r in aws_route53_record.ingress : r.fqdn])
}
