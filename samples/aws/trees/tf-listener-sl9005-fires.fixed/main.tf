# The remediation guide's "enable OCSP stapling on the listener": Terraform
# refuses the argument ("An argument named ... is not expected here").
resource "aws_lb_listener" "https" {
  load_balancer_arn = var.lb_arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn
  # expect: SL9005

  default_action {
    type             = "forward"
    target_group_arn = var.target_group_arn
  }
}
