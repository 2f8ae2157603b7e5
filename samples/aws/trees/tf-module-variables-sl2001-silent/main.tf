# The trust store comes from a variable, and the load balancer from a
# registry module: staplint cannot follow either, so the verdicts are
# unknown and nothing is reported.
variable "trust_store_arn" {
  type = string
}

module "alb" {
  source  = "terraform-aws-modules/alb/aws"
  version = "~> 9.0"

  name    = "edge"
  vpc_id  = var.vpc_id
  subnets = var.subnets
}

resource "aws_lb_listener" "mtls" {
  load_balancer_arn = module.alb.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn

  mutual_authentication {
    mode            = "verify"
    trust_store_arn = var.trust_store_arn
  }

  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}
