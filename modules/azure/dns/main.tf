locals {
  tags = merge(var.tags, {
    project     = var.project
    environment = var.environment
  })

  zone_name = var.create_zone ? azurerm_dns_zone.this[0].name : data.azurerm_dns_zone.this[0].name

  a_records     = var.ingress_ip == null ? toset([]) : toset(var.record_names)
  cname_records = var.ingress_hostname == null ? toset([]) : toset(var.record_names)
}

resource "azurerm_dns_zone" "this" {
  count = var.create_zone ? 1 : 0

  name                = var.domain
  resource_group_name = var.resource_group_name

  tags = local.tags
}

data "azurerm_dns_zone" "this" {
  count = var.create_zone ? 0 : 1

  name                = var.domain
  resource_group_name = var.resource_group_name
}

resource "azurerm_dns_a_record" "ingress" {
  for_each = local.a_records

  name                = each.key
  zone_name           = local.zone_name
  resource_group_name = var.resource_group_name
  ttl                 = var.ttl
  records             = [var.ingress_ip]

  tags = local.tags

  lifecycle {
    precondition {
      condition     = var.ingress_hostname == null
      error_message = "Set at most one of ingress_ip and ingress_hostname."
    }
  }
}

resource "azurerm_dns_cname_record" "ingress" {
  for_each = local.cname_records

  name                = each.key
  zone_name           = local.zone_name
  resource_group_name = var.resource_group_name
  ttl                 = var.ttl
  record              = var.ingress_hostname

  tags = local.tags
}
