resource "aws_lb_trust_store_revocation" "partners" {
  trust_store_arn       = aws_lb_trust_store.partners.arn
  revocations_s3_bucket = var.trust_bucket
  revocations_s3_key    = "partner-ca.crl"
}
