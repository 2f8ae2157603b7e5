resource "aws_apigatewayv2_domain_name" "api" {
  domain_name = "api.example.com"

  domain_name_configuration {
    certificate_arn = var.certificate_arn
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }

  # expect: SL2001
  mutual_tls_authentication {
    truststore_uri     = "s3://example-trust/truststore.pem"
    truststore_version = var.truststore_version
  }
}
