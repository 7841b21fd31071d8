locals {
  tags = merge(var.tags, {
    project     = var.project
    environment = var.environment
  })

  data_proxy_subjects = sort([for sa in var.data_proxy_service_accounts : "system:serviceaccount:${sa}"])
}

data "aws_iam_policy_document" "data_proxy_assume_role" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }

    # StringEquals, not StringLike: exactly these service accounts.
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_provider}:sub"
      values   = local.data_proxy_subjects
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_provider}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "data_proxy" {
  name                 = "${var.name}-data-proxy"
  description          = "IRSA role of the IVCAP data proxy: read/write on the artifacts bucket"
  assume_role_policy   = data.aws_iam_policy_document.data_proxy_assume_role.json
  max_session_duration = 3600

  tags = local.tags
}

data "aws_iam_policy_document" "artifacts_read_write" {
  statement {
    sid       = "ListArtifacts"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"]
    resources = [var.artifacts_bucket_arn]
  }

  statement {
    sid = "ReadWriteArtifacts"
    actions = [
      "s3:GetObject",
      "s3:GetObjectVersion",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts",
    ]
    resources = ["${var.artifacts_bucket_arn}/*"]
  }

  dynamic "statement" {
    for_each = var.artifacts_kms_key_arn == null ? [] : [var.artifacts_kms_key_arn]

    content {
      sid       = "UseArtifactsKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "data_proxy_artifacts" {
  name   = "artifacts-read-write"
  role   = aws_iam_role.data_proxy.id
  policy = data.aws_iam_policy_document.artifacts_read_write.json
}
