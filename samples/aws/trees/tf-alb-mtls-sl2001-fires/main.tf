# A module for a partner API behind an ALB with mutual TLS. The trust store
# has the partner CA, and nothing adds its CRL.
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

locals {
  name = "${var.environment}-partner-api"
  tags = merge(var.tags, { Service = "partner-api" })
}

resource "aws_lb" "this" {
  name               = local.name
  load_balancer_type = "application"
  subnets            = var.public_subnet_ids
  security_groups    = [aws_security_group.alb.id]
  tags               = local.tags
}

resource "aws_security_group" "alb" {
  name_prefix = "${local.name}-"
  vpc_id      = var.vpc_id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lb_target_group" "api" {
  name        = local.name
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id

  health_check {
    path    = "/healthz"
    matcher = "200-299"
  }
}

resource "aws_lb_trust_store" "partners" {
  name                             = "${local.name}-partners"
  ca_certificates_bundle_s3_bucket = var.trust_bucket
  ca_certificates_bundle_s3_key    = "partner-ca.pem"
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  mutual_authentication {
    # expect: SL2001
    mode                             = "verify"
    trust_store_arn                  = aws_lb_trust_store.partners.arn
    ignore_client_certificate_expiry = false
  }

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }
}
