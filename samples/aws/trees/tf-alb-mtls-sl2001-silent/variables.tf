variable "environment" {
  type        = string
  description = "Environment name, used in resource names"
}

variable "vpc_id" {
  type = string
}

variable "public_subnet_ids" {
  type = list(string)
}

variable "certificate_arn" {
  type        = string
  description = "ACM certificate for the listener"
}

variable "trust_bucket" {
  type        = string
  description = "S3 bucket holding the partner CA bundle"
}

variable "tags" {
  type    = map(string)
  default = {}
}
