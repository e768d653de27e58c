# A practice target in a real account that matches the gameday sandbox's default world: a web
# Auto Scaling group behind a load balancer, ECS clusters with Fargate and EC2 services, standalone
# batch hosts and the alarms the scenarios watch. Every resource carries the opt-in tag
# chaos:allowed=true, so gameday's guard lets the scenarios touch these and nothing else.

terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = local.tags
  }
}

locals {
  tags = {
    "chaos:allowed" = "true"
    "managed-by"    = "gameday-practice"
    "project"       = var.name_prefix
  }
  azs = slice(data.aws_availability_zones.available.names, 0, 3)
}

data "aws_availability_zones" "available" {
  state = "available"
}
