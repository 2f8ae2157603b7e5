resource "awscc_iot_domain_configuration" "devices" {
  domain_configuration_name = "devices"
  domain_name               = "mqtt.example.com"
  server_certificate_arns   = [var.certificate_arn]
  server_certificate_config = {
    enable_ocsp_check             = true
    ocsp_authorized_responder_arn = var.responder_certificate_arn
  }
}
