// The generated root modules against the real `terraform` (skipped when it
// is not on PATH): `fmt -check` over aws-prod and azure-dev, and for aws-prod
// init from the offline provider mirror, validate, an offline
// `plan -refresh=false` (test-only provider and backend overrides; the
// database password is read from a loopback fake of Secrets Manager, as in
// production) and assertions over `terraform show -json`. One init and one
// plan per run, shared by every assertion: it is the slow part.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "terraform_test_support.h"

using namespace ivcapgen;
using namespace ivcapgen::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

fs::path plugin_dir() {
  const char* dir = std::getenv("IVCAPGEN_TF_PLUGIN_DIR");
  return dir && *dir ? fs::path(dir) : fs::path("/opt/tf-plugins");
}

// Test only: offline plans. Fake keys, no account or region lookups, the
// secret APIs on the loopback fake; and local state instead of S3.
std::string provider_override(const std::string& endpoint) {
  return "provider \"aws\" {\n"
         "  access_key                  = \"AKIAIOSFODNN7EXAMPLE\"\n"
         "  secret_key                  = \"fake-secret-key-for-offline-plans\"\n"
         "  skip_credentials_validation = true\n"
         "  skip_requesting_account_id  = true\n"
         "  skip_metadata_api_check     = true\n"
         "  skip_region_validation      = true\n"
         "\n"
         "  endpoints {\n"
         "    secretsmanager = \"" +
         endpoint +
         "\"\n"
         "    ssm            = \"" +
         endpoint +
         "\"\n"
         "  }\n"
         "}\n";
}

constexpr const char* kBackendOverride = "terraform {\n  backend \"local\" {}\n}\n";

std::map<std::string, json> managed_changes(const json& plan) {
  std::map<std::string, json> changes;
  for (const auto& rc : plan.value("resource_changes", json::array())) {
    if (rc["mode"] == "managed") changes[rc["address"]] = rc;
  }
  return changes;
}

json data_after(const json& plan, const std::string& address) {
  for (const auto& rc : plan.value("resource_changes", json::array())) {
    if (rc["address"] == address) return rc["change"]["after"];
  }
  std::function<json(const json&)> walk = [&](const json& module) -> json {
    for (const auto& r : module.value("resources", json::array())) {
      if (r["address"] == address) return r["values"];
    }
    for (const auto& child : module.value("child_modules", json::array())) {
      if (json found = walk(child); !found.is_null()) return found;
    }
    return nullptr;
  };
  return walk(plan["prior_state"]["values"]["root_module"]);
}

std::set<std::string> expected_addresses() {
  std::set<std::string> a = {
      "module.cluster.aws_cloudwatch_log_group.cluster",
      "module.cluster.aws_eks_cluster.this",
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
  };
  for (const char* pool : {"gpu", "system", "workers"}) {
    a.insert("module.cluster.aws_eks_node_group.this[\"" + std::string(pool) + "\"]");
  }
  for (const char* addon : {"aws-ebs-csi-driver", "coredns", "kube-proxy", "vpc-cni"}) {
    a.insert("module.cluster.aws_eks_addon.this[\"" + std::string(addon) + "\"]");
  }
  for (const char* policy : {"AmazonEC2ContainerRegistryReadOnly", "AmazonEKSWorkerNodePolicy",
                             "AmazonEKS_CNI_Policy"}) {
    a.insert("module.cluster.aws_iam_role_policy_attachment.node[\"" + std::string(policy) + "\"]");
  }
  for (const char* zone : {"a", "b", "c"}) {
    for (const char* r :
         {"aws_eip.nat", "aws_nat_gateway.this", "aws_route.private_nat", "aws_route_table.private",
          "aws_route_table_association.private", "aws_route_table_association.public",
          "aws_subnet.private", "aws_subnet.public"}) {
      a.insert("module.network." + std::string(r) + "[\"ap-southeast-2" + zone + "\"]");
    }
  }
  return a;
}

// Whether `secret` occurs in any member of the plan file (a zip archive),
// decompressed; python3's zipfile does the reading.
bool secret_in_plan_file(const fs::path& plan_file, const std::string& secret) {
  tools::Command c;
  c.argv = {"python3", "-c",
            "import os, sys, zipfile\n"
            "secret = os.environ['IVCAPGEN_TEST_SECRET'].encode()\n"
            "with zipfile.ZipFile(sys.argv[1]) as z:\n"
            "    found = [m for m in z.namelist() if secret in z.read(m)]\n"
            "print('members', len(z.namelist()), 'found', found)\n"
            "sys.exit(1 if found else 0)\n",
            plan_file.string()};
  c.env = {{"IVCAPGEN_TEST_SECRET", secret}};
  c.timeout = std::chrono::minutes(1);
  auto r = tools::ProcessRunner().run(c);
  INFO(r.describe() << "\n" << r.out << r.err);
  REQUIRE((r.ok() || r.exited_with(1)));
  return !r.ok();
}

}  // namespace

TEST_CASE("terraform: generated root modules pass terraform fmt -check", "[terraform]") {
  auto terraform = TerraformTool::find();
  if (!terraform) IVCAPGEN_SKIP("terraform is not on PATH");
  TempDir dir;
  for (const std::string env : {"aws-prod", "azure-dev"}) {
    INFO(env);
    write_root(emit_root(env).tree, dir / env);
    auto r = terraform->run({"fmt", "-check", "-recursive", "-diff", "-no-color", "terraform"},
                            dir / env, std::chrono::minutes(2));
    INFO(r.describe() << "\n" << r.out << r.err);
    CHECK(r.ok());
  }
}

TEST_CASE("terraform: aws-prod validates and plans offline", "[terraform]") {
  auto terraform = TerraformTool::find();
  if (!terraform) IVCAPGEN_SKIP("terraform is not on PATH");
  if (!fs::is_directory(plugin_dir() / "registry.terraform.io/hashicorp/aws")) {
    IVCAPGEN_SKIP("no hashicorp/aws provider in the mirror " + plugin_dir().string() +
                  " (set IVCAPGEN_TF_PLUGIN_DIR)");
  }
  if (!tools::find_program("python3", tools::current_path_variable())) {
    IVCAPGEN_SKIP("python3 (the fake AWS endpoint) is not on PATH");
  }

  TempDir work;
  write_root(emit_root("aws-prod").tree, work.path());
  const fs::path root = work / "terraform";
  // A value that must never show up in a plan; the fake endpoint serves it.
  const std::string secret = "ivcapgen-test-password-" + std::to_string(std::random_device()());
  FakeAwsEndpoint fake(work.path(), secret);
  REQUIRE(fake.started());
  write_file(root / "test_provider_override.tf", provider_override(fake.url()));
  write_file(root / "test_backend_override.tf", kBackendOverride);

  auto step = [&](std::vector<std::string> args) {
    auto r = terraform->run(std::move(args), root, std::chrono::minutes(10));
    INFO(r.describe() << "\n" << r.out << r.err);
    REQUIRE(r.ok());
    return r;
  };
  step({"init", "-input=false", "-no-color", "-plugin-dir=" + plugin_dir().string()});
  step({"validate", "-no-color"});
  auto planned =
      step({"plan", "-input=false", "-no-color", "-refresh=false", "-lock=false", "-out=plan.bin"});
  auto shown = step({"show", "-json", "-no-color", "plan.bin"});
  const json plan = json::parse(shown.out);
  const auto changes = managed_changes(plan);
  auto after = [&](const std::string& address) -> json {
    auto it = changes.find(address);
    INFO("planned: " << address);
    REQUIRE(it != changes.end());
    return it->second["change"]["after"];
  };

  // Everything is created, and exactly the contract's resources.
  std::set<std::string> addresses;
  for (const auto& [address, rc] : changes) {
    addresses.insert(address);
    INFO(address);
    CHECK(rc["change"]["actions"] == json::array({"create"}));
  }
  CHECK(addresses == expected_addresses());

  // GPU pool: the instance type, the NVIDIA AMI, its labels and the taint.
  json gpu = after("module.cluster.aws_eks_node_group.this[\"gpu\"]");
  CHECK(gpu["instance_types"] == json::array({"g4dn.xlarge"}));
  CHECK(gpu["ami_type"] == "AL2023_x86_64_NVIDIA");
  CHECK(gpu["labels"]["ivcap.io/accelerator"] == "nvidia-tesla-t4");
  CHECK(gpu["taint"] ==
        json::parse(R"([{"key": "nvidia.com/gpu", "value": "present", "effect": "NO_SCHEDULE"}])"));
  CHECK(gpu["scaling_config"][0]["min_size"] == 0);
  CHECK(gpu["scaling_config"][0]["max_size"] == 4);
  json system = after("module.cluster.aws_eks_node_group.this[\"system\"]");
  CHECK(system["instance_types"] == json::array({"m6i.xlarge"}));
  CHECK(system["ami_type"] == "AL2023_x86_64_STANDARD");
  CHECK(system["taint"].empty());
  CHECK(after("module.cluster.aws_eks_node_group.this[\"workers\"]")["labels"]["ivcap.io/pool"] ==
        "workers");
  CHECK(after("module.cluster.aws_eks_cluster.this")["version"] == "1.32");

  // The artifacts bucket: public access blocked, named after the environment.
  json block = after("module.storage.aws_s3_bucket_public_access_block.this");
  for (const char* flag : {"block_public_acls", "block_public_policy", "ignore_public_acls",
                           "restrict_public_buckets"}) {
    INFO(flag);
    CHECK(block[flag] == true);
  }
  CHECK(after("module.storage.aws_s3_bucket.this")["bucket_prefix"] == "ivcap-aws-prod-artifacts-");

  // The database: size "medium", encrypted, private, password write-only
  // from the secret reference.
  json db = after("module.database[0].aws_db_instance.this");
  CHECK(db["storage_encrypted"] == true);
  CHECK(db["publicly_accessible"] == false);
  CHECK(db["instance_class"] == "db.m6g.large");
  CHECK(db["multi_az"] == true);
  CHECK(db["allocated_storage"] == 100);
  CHECK(db["engine_version"] == "15");
  CHECK(db["password"].is_null());
  CHECK(db["password_wo"].is_null());

  // No password literal anywhere: not in the plan JSON, the plan file or
  // the console output; it was read (once or more) through the reference.
  CHECK(shown.out.find(secret) == std::string::npos);
  CHECK(planned.out.find(secret) == std::string::npos);
  CHECK(planned.err.find(secret) == std::string::npos);
  CHECK_FALSE(secret_in_plan_file(root / "plan.bin", secret));
  std::string fake_log = read_file(fake.log());
  CHECK(fake_log.find(R"("target": "secretsmanager.GetSecretValue")") != std::string::npos);
  CHECK(fake_log.find(R"("SecretId": "ivcap/aws-prod/db-password")") != std::string::npos);

  // Tags: project and environment on every taggable resource.
  size_t taggable = 0;
  for (const auto& [address, rc] : changes) {
    const json& values = rc["change"]["after"];
    if (!values.contains("tags")) continue;
    ++taggable;
    INFO(address);
    CHECK(values["tags"].value("project", "") == "ivcap");
    CHECK(values["tags"].value("environment", "") == "aws-prod");
  }
  CHECK(taggable > 20);

  // IRSA: only the emitted data-proxy ServiceAccount may assume the role.
  json trust =
      data_after(plan, "module.identity.data.aws_iam_policy_document.data_proxy_assume_role");
  REQUIRE_FALSE(trust.is_null());
  CHECK(trust.dump().find("system:serviceaccount:ivcap-system:ivcap-data-proxy") !=
        std::string::npos);

  // The contract's root outputs.
  std::set<std::string> outputs;
  for (const auto& [name, _] : plan["output_changes"].items()) outputs.insert(name);
  CHECK(outputs == std::set<std::string>{
                       "api_fqdn", "artifacts_bucket_name", "artifacts_bucket_region",
                       "cluster_certificate_authority_data", "cluster_endpoint", "cluster_name",
                       "data_proxy_role_arn", "database_host", "database_name", "database_port",
                       "database_username", "dns_name_servers", "dns_zone_id", "kubeconfig_command",
                       "nat_public_ips", "oidc_provider_arn"});
  CHECK(plan["output_changes"]["kubeconfig_command"]["after"] ==
        "aws eks update-kubeconfig --region ap-southeast-2 --name ivcap-aws-prod");
  CHECK(plan["output_changes"]["api_fqdn"]["after"] == "api.ivcap.example.com");
  CHECK(plan["output_changes"]["artifacts_bucket_region"]["after"] == "ap-southeast-2");
}
