# spec.terraform.backend (s3). Credentials come from the environment of terraform, never from here.
terraform {
  backend "s3" {
    bucket         = "example-ivcap-tfstate"
    key            = "ivcap/aws-prod.tfstate"
    region         = "ap-southeast-2"
    dynamodb_table = "ivcap-tfstate-lock"
    encrypt        = true
  }
}
