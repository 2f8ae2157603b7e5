# The switch is written off.
resource "awscc_iot_domain_configuration" "devices" {
  domain_configuration_name = "devices"
  domain_name               = "mqtt.example.com"
  # expect: SL1001
  server_certificate_config = {
    enable_ocsp_check = true
  }
}
