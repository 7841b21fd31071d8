output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "CIDR block of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "azs" {
  description = "Availability zones in use, in order."
  value       = local.azs
}

output "private_subnet_ids" {
  description = "IDs of the private subnets, in the order of azs (nodes, control-plane ENIs, database)."
  value       = [for az in local.azs : aws_subnet.private[az].id]
}

output "public_subnet_ids" {
  description = "IDs of the public subnets, in the order of azs (internet-facing load balancers, NAT gateways)."
  value       = [for az in local.azs : aws_subnet.public[az].id]
}

output "private_route_table_ids" {
  description = "IDs of the private route tables, in the order of azs."
  value       = [for az in local.azs : aws_route_table.private[az].id]
}

output "nat_public_ips" {
  description = "Public IPs of the NAT gateways: the egress addresses of the cluster, for allow-lists elsewhere."
  value       = [for az in local.nat_azs : aws_eip.nat[az].public_ip]
}
