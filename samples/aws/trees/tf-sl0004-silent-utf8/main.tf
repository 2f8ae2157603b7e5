# Équipe « paiements » — UTF-8 text is text, in comments and in strings.
resource "aws_lb_listener" "https" {
  load_balancer_arn = var.lb_arn
  port              = 443
  protocol          = "HTTPS"
  tags = {
    Propriétaire = "Zoë"
  }
}
