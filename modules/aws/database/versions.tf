terraform {
  # 1.11: ephemeral resources (1.10) and write-only attributes (1.11) keep the
  # master password out of the plan and the state.
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}
