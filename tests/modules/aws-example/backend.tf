# spec.terraform.backend: {type: s3, bucket: ivcap-tfstate, key: aws-prod.tfstate, region: ap-southeast-2}
terraform {
  backend "s3" {
    bucket       = "ivcap-tfstate"
    key          = "aws-prod.tfstate"
    region       = "ap-southeast-2"
    encrypt      = true
    use_lockfile = true
  }
}
