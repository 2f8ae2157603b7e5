# hashicorp/awscc has the switch; it is not set.
# expect: SL1001
resource "awscc_iot_domain_configuration" "devices" {
  server_certificate_config = {
    enable_ocsp_check = true
  }
  domain_configuration_name = "devices"
  domain_name               = "mqtt.example.com"
  server_certificate_arns   = [var.certificate_arn]
  service_type              = "DATA"
}
