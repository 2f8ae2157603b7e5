# hashicorp/aws's aws_iot_domain_configuration has no argument for OCSP
# stapling: the domain does not staple, and the block written for it is
# refused.
# expect: SL1001
resource "aws_iot_domain_configuration" "devices" {
  name                    = "devices"
  domain_name             = "mqtt.example.com"
  server_certificate_arns = [var.certificate_arn]

  # expect: SL9005
  server_certificate_config {
    enable_ocsp_check = true
  }
}
