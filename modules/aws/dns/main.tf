locals {
  tags = merge(var.tags, {
    project     = var.project
    environment = var.environment
  })

  zone_id = var.create_zone ? aws_route53_zone.this[0].zone_id : (
    var.zone_id != null ? var.zone_id : data.aws_route53_zone.this[0].zone_id
  )
}

resource "aws_route53_zone" "this" {
  count = var.create_zone ? 1 : 0

  name    = var.domain
  comment = "${var.project} ${var.environment}"

  tags = local.tags

  lifecycle {
    precondition {
      condition     = var.zone_id == null
      error_message = "Set either create_zone or zone_id, not both."
    }
  }
}

data "aws_route53_zone" "this" {
  count = !var.create_zone && var.zone_id == null ? 1 : 0

  name         = var.domain
  private_zone = false
}

# CNAME rather than an alias A record: the load balancer's hosted zone is not
# known to Terraform, and api.<domain> is never the zone apex.
resource "aws_route53_record" "ingress" {
  for_each = var.ingress_hostname == null ? toset([]) : toset(var.record_names)

  zone_id = local.zone_id
  name    = "${each.key}.${var.domain}"
  type    = "CNAME"
  ttl     = var.ttl
  records = [var.ingress_hostname]
}
