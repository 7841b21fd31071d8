output "data_proxy_role_arn" {
  description = "ARN of the data-proxy role: annotate its service accounts with eks.amazonaws.com/role-arn=<this>."
  value       = aws_iam_role.data_proxy.arn
}

output "data_proxy_role_name" {
  description = "Name of the data-proxy role."
  value       = aws_iam_role.data_proxy.name
}

output "data_proxy_subjects" {
  description = "OIDC subjects allowed to assume the data-proxy role."
  value       = local.data_proxy_subjects
}
