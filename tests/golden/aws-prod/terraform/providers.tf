terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

provider "aws" {
  region = var.region

  # project and environment on every resource, also on any a module does not tag
  # itself (the modules tag all of theirs; project and environment win over tags).
  default_tags {
    tags = merge(var.tags, { project = var.project, environment = var.environment })
  }
}
