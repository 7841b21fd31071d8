#!/usr/bin/env python3
"""Assertions over `terraform show -json` of the offline plans made by run.sh.

Usage: check_aws_plan.py CASE --plan plan.json --fake-log fake.log
                         --secret VALUE [--scan FILE ...]
CASE is the root module planned: aws-example or aws-database-secrets.
--scan lists further files (plan.bin, the plan's console output) that must
not contain the secret either; zip archives are scanned member by member.

Prints one line per failed assertion and exits 1 if there was any.
"""

import argparse
import json
import sys
import zipfile

PROJECT = "ivcap"
ENVIRONMENT = "aws-prod"


class Checker:
    def __init__(self):
        self.failures = []
        self.passed = 0

    def check(self, condition, what):
        if condition:
            self.passed += 1
        else:
            self.failures.append(what)

    def equal(self, actual, expected, what):
        self.check(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


def managed_changes(plan):
    return {rc["address"]: rc for rc in plan.get("resource_changes", []) if rc["mode"] == "managed"}


def after(changes, address):
    return changes[address]["change"]["after"]


def data_reads(plan):
    return {rc["address"]: rc for rc in plan.get("resource_changes", []) if rc["mode"] == "data"}


def policy_documents(plan):
    """aws_iam_policy_document values by address: read during plan (in
    prior_state) or deferred to apply (in resource_changes)."""
    docs = {}

    def walk(module):
        for resource in module.get("resources", []):
            if resource["mode"] == "data" and resource["type"] == "aws_iam_policy_document":
                docs[resource["address"]] = resource["values"]
        for child in module.get("child_modules", []):
            walk(child)

    walk(plan.get("prior_state", {}).get("values", {}).get("root_module", {}))
    for address, rc in data_reads(plan).items():
        if rc["type"] == "aws_iam_policy_document":
            docs[address] = rc["change"]["after"] or {}
    return docs


def module_resource_config(plan, module_path, address):
    """The configuration block of `address` inside module_calls[module_path...]."""
    module = plan["configuration"]["root_module"]
    for name in module_path:
        module = module["module_calls"][name]["module"]
    for resource in module.get("resources", []):
        if resource["address"] == address:
            return resource
    raise KeyError(f"{'.'.join(module_path)}: no resource {address}")


def check_common(c, plan, secret, scan_files):
    changes = managed_changes(plan)
    c.check(len(changes) > 0, "the plan creates no resources")

    for address, rc in sorted(changes.items()):
        c.equal(rc["change"]["actions"], ["create"], f"{address}: action")

    # `after` of a create lists every attribute of the resource type's schema
    # (unset ones as null), so "tags" in it means the type is taggable.
    taggable = 0
    for address, rc in sorted(changes.items()):
        values = rc["change"]["after"] or {}
        if "tags" not in values:
            continue
        taggable += 1
        tags = values["tags"] or {}
        c.equal(tags.get("project"), PROJECT, f"{address}: tags.project")
        c.equal(tags.get("environment"), ENVIRONMENT, f"{address}: tags.environment")
    c.check(taggable > 0, "no taggable resources in the plan")

    # The secret must not leak into the plan, in any form Terraform writes.
    text = json.dumps(plan)
    c.check(secret not in text, "the database password appears in the plan JSON")
    for path in scan_files:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    c.check(secret.encode() not in archive.read(member),
                            f"the database password appears in {path}:{member}")
        else:
            with open(path, "rb") as f:
                c.check(secret.encode() not in f.read(), f"the database password appears in {path}")
    return changes


def check_db_instance(c, plan, changes, module, call):
    """module: the module's address ("module.database[0]"); call: its name."""
    address = f"{module}.aws_db_instance.this"
    c.check(address in changes, f"{address} is not planned")
    if address not in changes:
        return
    db = after(changes, address)
    c.equal(db["engine"], "postgres", f"{address}: engine")
    c.equal(db["storage_encrypted"], True, f"{address}: storage_encrypted")
    c.equal(db["publicly_accessible"], False, f"{address}: publicly_accessible")
    c.equal(db["password"], None, f"{address}: password (must come from the secret, write-only)")
    c.equal(db["password_wo"], None, f"{address}: password_wo shows in the plan")
    c.equal(db["password_wo_version"], 1, f"{address}: password_wo_version")
    c.equal(db["manage_master_user_password"], None, f"{address}: manage_master_user_password")

    config = module_resource_config(plan, [call], "aws_db_instance.this")
    expressions = config["expressions"]
    c.check("password" not in expressions, f"{address}: sets password in configuration")
    password_wo = expressions.get("password_wo", {})
    c.check("constant_value" not in password_wo and password_wo.get("references"),
            f"{address}: password_wo is not a reference: {password_wo!r}")

    rule = f"{module}.aws_vpc_security_group_ingress_rule.postgres[0]"
    c.check(rule in changes, f"{rule} is not planned")
    if rule in changes:
        r = after(changes, rule)
        c.equal((r["ip_protocol"], r["from_port"], r["to_port"]), ("tcp", 5432, 5432), f"{rule}: port")
        c.equal(r["cidr_ipv4"], None, f"{rule}: cidr_ipv4 (only security-group sources)")
    c.check(f"{module}.aws_vpc_security_group_ingress_rule.postgres[1]" not in changes,
            f"{module}: more than one database ingress rule")


def read_fake_log(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


EXAMPLE_ADDRESSES = sorted(
    [
        "module.cluster.aws_cloudwatch_log_group.cluster",
        'module.cluster.aws_eks_access_entry.admin["arn:aws:iam::111122223333:role/ivcap-deploy"]',
        'module.cluster.aws_eks_access_policy_association.admin["arn:aws:iam::111122223333:role/ivcap-deploy"]',
        "module.cluster.aws_eks_cluster.this",
        'module.cluster.aws_eks_node_group.this["gpu"]',
        'module.cluster.aws_eks_node_group.this["system"]',
        "module.cluster.aws_iam_openid_connect_provider.this",
        "module.cluster.aws_iam_role.cluster",
        "module.cluster.aws_iam_role.ebs_csi[0]",
        "module.cluster.aws_iam_role.node",
        "module.cluster.aws_iam_role_policy_attachment.cluster",
        "module.cluster.aws_iam_role_policy_attachment.ebs_csi[0]",
        "module.database[0].aws_db_instance.this",
        "module.database[0].aws_db_subnet_group.this",
        "module.database[0].aws_security_group.this",
        "module.database[0].aws_vpc_security_group_ingress_rule.postgres[0]",
        'module.dns.aws_route53_record.ingress["api"]',
        "module.dns.aws_route53_zone.this[0]",
        "module.identity.aws_iam_role.data_proxy",
        "module.identity.aws_iam_role_policy.data_proxy_artifacts",
        "module.network.aws_default_security_group.this",
        "module.network.aws_internet_gateway.this",
        "module.network.aws_route.public_internet",
        "module.network.aws_route_table.public",
        "module.network.aws_vpc.this",
        "module.storage.aws_s3_bucket.this",
        "module.storage.aws_s3_bucket_lifecycle_configuration.this[0]",
        "module.storage.aws_s3_bucket_ownership_controls.this",
        "module.storage.aws_s3_bucket_policy.this",
        "module.storage.aws_s3_bucket_public_access_block.this",
        "module.storage.aws_s3_bucket_server_side_encryption_configuration.this",
        "module.storage.aws_s3_bucket_versioning.this",
    ]
    + [f'module.cluster.aws_eks_addon.this["{a}"]' for a in ("aws-ebs-csi-driver", "coredns", "kube-proxy", "vpc-cni")]
    + [f'module.cluster.aws_iam_role_policy_attachment.node["{p}"]'
       for p in ("AmazonEC2ContainerRegistryReadOnly", "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy")]
    + [f'module.network.{r}["ap-southeast-2{z}"]'
       for z in "abc"
       for r in ("aws_eip.nat", "aws_nat_gateway.this", "aws_route.private_nat", "aws_route_table.private",
                 "aws_route_table_association.private", "aws_route_table_association.public",
                 "aws_subnet.private", "aws_subnet.public")]
)


ROOT_OUTPUTS = [
    "api_fqdn", "artifacts_bucket_name", "artifacts_bucket_region", "cluster_certificate_authority_data",
    "cluster_endpoint", "cluster_name", "data_proxy_role_arn", "database_host", "database_name", "database_port",
    "database_username", "dns_name_servers", "dns_zone_id", "kubeconfig_command", "nat_public_ips",
    "oidc_provider_arn",
]


def check_example(c, plan, fake_log):
    changes = managed_changes(plan)
    reads = data_reads(plan)
    c.equal(sorted(changes), EXAMPLE_ADDRESSES, "planned resource addresses")

    # Node groups: the GPU pool as configured, the system pool untainted.
    gpu = after(changes, 'module.cluster.aws_eks_node_group.this["gpu"]')
    c.equal(gpu["instance_types"], ["g4dn.xlarge"], "gpu node group: instance_types")
    c.equal(gpu["ami_type"], "AL2023_x86_64_NVIDIA", "gpu node group: ami_type")
    c.equal(gpu["labels"], {"ivcap.io/accelerator": "nvidia-tesla-t4"}, "gpu node group: labels")
    c.equal(gpu["taint"], [{"key": "nvidia.com/gpu", "value": "present", "effect": "NO_SCHEDULE"}],
            "gpu node group: taint")
    c.equal(gpu["scaling_config"], [{"min_size": 0, "max_size": 2, "desired_size": 0}], "gpu node group: scaling")
    c.equal(gpu["disk_size"], 100, "gpu node group: disk_size")
    system = after(changes, 'module.cluster.aws_eks_node_group.this["system"]')
    c.equal(system["instance_types"], ["m6i.xlarge"], "system node group: instance_types")
    c.equal(system["ami_type"], "AL2023_x86_64_STANDARD", "system node group: ami_type")
    c.equal(system["taint"], [], "system node group: taint")
    c.equal(system["version"], "1.32", "system node group: version")

    cluster = after(changes, "module.cluster.aws_eks_cluster.this")
    c.equal(cluster["version"], "1.32", "cluster: version")
    c.equal(cluster["vpc_config"][0]["endpoint_private_access"], True, "cluster: private endpoint")
    c.equal(cluster["access_config"][0]["authentication_mode"], "API", "cluster: authentication_mode")
    vpc_cni = after(changes, 'module.cluster.aws_eks_addon.this["vpc-cni"]')
    c.equal(json.loads(vpc_cni["configuration_values"] or "{}").get("enableNetworkPolicy"), "true",
            "vpc-cni: network policy enforcement")
    oidc = after(changes, "module.cluster.aws_iam_openid_connect_provider.this")
    c.equal(oidc["client_id_list"], ["sts.amazonaws.com"], "OIDC provider: client_id_list")

    # Artifacts bucket: private, versioned, encrypted, TLS only.
    pab = after(changes, "module.storage.aws_s3_bucket_public_access_block.this")
    for flag in ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"):
        c.equal(pab[flag], True, f"public access block: {flag}")
    versioning = after(changes, "module.storage.aws_s3_bucket_versioning.this")
    c.equal(versioning["versioning_configuration"][0]["status"], "Enabled", "bucket versioning")
    sse = after(changes, "module.storage.aws_s3_bucket_server_side_encryption_configuration.this")
    c.equal(sse["rule"][0]["apply_server_side_encryption_by_default"][0]["sse_algorithm"], "AES256",
            "bucket encryption")
    ownership = after(changes, "module.storage.aws_s3_bucket_ownership_controls.this")
    c.equal(ownership["rule"][0]["object_ownership"], "BucketOwnerEnforced", "bucket ACLs disabled")
    bucket = after(changes, "module.storage.aws_s3_bucket.this")
    c.equal(bucket["bucket_prefix"], "ivcap-aws-prod-artifacts-", "bucket_prefix")
    c.equal(bucket["force_destroy"], False, "bucket force_destroy")
    tls = reads["module.storage.data.aws_iam_policy_document.tls_only"]["change"]["after"]["statement"]
    conditions = {(s["effect"], cond["test"], cond["variable"], tuple(cond["values"]))
                  for s in tls for cond in s["condition"]}
    c.check(("Deny", "Bool", "aws:SecureTransport", ("false",)) in conditions, "bucket policy: deny non-TLS")
    c.check(("Deny", "NumericLessThan", "s3:TlsVersion", ("1.2",)) in conditions, "bucket policy: deny TLS < 1.2")

    # Database: encrypted, private, password only by reference.
    check_db_instance(c, plan, changes, "module.database[0]", "database")
    calls = [(e["target"], e["body"]) for e in fake_log]
    c.equal(calls, [("secretsmanager.GetSecretValue", {"SecretId": "ivcap/aws-prod/db-password"})] * len(calls),
            "secret reads")
    c.check(len(calls) >= 1, "the database password secret was never read")

    # IRSA: only the data proxy's service account, only the artifacts bucket.
    trust = reads["module.identity.data.aws_iam_policy_document.data_proxy_assume_role"]["change"]["after"]
    values = sorted(tuple(cond["values"]) for s in trust["statement"] for cond in s["condition"])
    c.equal(values, [("sts.amazonaws.com",), ("system:serviceaccount:ivcap-system:data-proxy",)],
            "data-proxy trust policy conditions")
    c.equal({cond["test"] for s in trust["statement"] for cond in s["condition"]}, {"StringEquals"},
            "data-proxy trust policy condition operators")
    grants = sorted({address for address, doc in policy_documents(plan).items()
                     for s in doc.get("statement") or []
                     if s.get("effect") in (None, "Allow")
                     and any(a.startswith("s3:") for a in s.get("actions") or [])})
    c.equal(grants, ["module.identity.data.aws_iam_policy_document.artifacts_read_write"],
            "policy documents granting S3 access")
    managed = sorted(after(changes, a)["policy_arn"] for a in changes if ".aws_iam_role_policy_attachment." in a)
    c.check(not any("S3" in arn for arn in managed), f"managed policies grant S3 access: {managed}")
    rw = reads["module.identity.data.aws_iam_policy_document.artifacts_read_write"]["change"]["after"]
    c.check(all("s3:*" not in (s.get("actions") or []) for s in rw["statement"]), "data-proxy policy uses s3:*")

    db = after(changes, "module.database[0].aws_db_instance.this")
    c.equal((db["instance_class"], db["engine_version"], db["allocated_storage"], db["multi_az"]),
            ("db.t4g.medium", "15", 20, False), "database size small")

    # The root-module contract's outputs (modules/README.md).
    outputs = plan.get("output_changes", {})
    c.equal(sorted(outputs), sorted(ROOT_OUTPUTS), "root outputs")
    c.equal(outputs.get("kubeconfig_command", {}).get("after"),
            "aws eks update-kubeconfig --region ap-southeast-2 --name ivcap-aws-prod", "kubeconfig_command")
    c.equal(outputs.get("api_fqdn", {}).get("after"), "api.prod.example.org", "api_fqdn")

    record = after(changes, 'module.dns.aws_route53_record.ingress["api"]')
    c.equal((record["name"], record["type"], record["records"]),
            ("api.prod.example.org", "CNAME", ["a1b2c3d4e5f6-1234567890.elb.ap-southeast-2.amazonaws.com"]),
            "api record")


def check_database_secrets(c, plan, fake_log):
    changes = managed_changes(plan)
    for call in ("db_ssm", "db_json"):
        check_db_instance(c, plan, changes, f"module.{call}", call)
    calls = sorted({json.dumps([e["target"], e["body"]], sort_keys=True) for e in fake_log})
    expected = sorted({
        json.dumps(["AmazonSSM.GetParameter",
                    {"Name": "arn:aws:ssm:ap-southeast-2:111122223333:parameter/ivcap/aws-prod/db-password",
                     "WithDecryption": True}], sort_keys=True),
        json.dumps(["secretsmanager.GetSecretValue",
                    {"SecretId": "arn:aws:secretsmanager:ap-southeast-2:111122223333:secret:ivcap/aws-prod/db-json"}],
                   sort_keys=True),
    })
    c.equal(calls, expected, "secret reads")
    c.equal(after(changes, "module.db_json.aws_db_instance.this")["multi_az"], True, "db_json: multi_az")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("case", choices=["aws-example", "aws-database-secrets"])
    parser.add_argument("--plan", required=True)
    parser.add_argument("--fake-log", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--scan", nargs="*", default=[])
    args = parser.parse_args()

    with open(args.plan, encoding="utf-8") as f:
        plan = json.load(f)
    fake_log = read_fake_log(args.fake_log)

    c = Checker()
    changes = check_common(c, plan, args.secret, args.scan)
    if args.case == "aws-example":
        check_example(c, plan, fake_log)
    else:
        check_database_secrets(c, plan, fake_log)

    taggable = sum(1 for rc in changes.values() if "tags" in (rc["change"]["after"] or {}))
    print(f"{args.case}: {len(changes)} resources planned ({taggable} taggable), "
          f"{c.passed} assertions passed, {len(c.failures)} failed")
    for failure in c.failures:
        print(f"FAIL: {failure}")
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
