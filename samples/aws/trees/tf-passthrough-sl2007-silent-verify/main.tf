resource "aws_lb_listener" "https" {
  load_balancer_arn = var.lb_arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn

  mutual_authentication {
    mode            = "verify"
    trust_store_arn = var.trust_store_arn
  }

  default_action {
    type             = "forward"
    target_group_arn = var.target_group_arn
  }
}
