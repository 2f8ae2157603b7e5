resource "aws_lb_listener" "https" {
  port     = 443
  # expect: SL0001
  port     = 8443
  protocol = "HTTPS"
}
