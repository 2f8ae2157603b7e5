output "dns_name" {
  value = aws_lb.this.dns_name
}

output "trust_store_arn" {
  value       = aws_lb_trust_store.partners.arn
  description = <<-EOT
    The trust store's ARN, for ${var.environment}'s partners.
    EOT
}
