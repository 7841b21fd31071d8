// The generated Terraform root module (emit/terraform/), checked on the
// model level: the files and their waves, the fixed templates against the
// contract's reference renderings (tests/modules/*-example), the modules
// copied verbatim, terraform.tfvars.json, backend.tf and providers.tf, and
// what changes (and what does not) with the environment.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "terraform_test_support.h"

using namespace ivcapgen;
using namespace ivcapgen::testing;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kModules = {"cluster",  "database", "dns",
                                           "identity", "network",  "storage"};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// An environment file in a scratch directory (no services).
fs::path scratch_environment(const TempDir& dir, const std::string& yaml) {
  fs::path file = dir / "env.yaml";
  write_file(file, yaml);
  return file;
}

const char* kScratchAws = R"(apiVersion: ivcapgen/v1
kind: Environment
metadata: {name: scratch}
spec:
  provider: aws
  region: us-east-1
  project: my_proj
  domain: scratch.example.net
  cluster:
    nodePools:
      - {name: system, size: m6i.xlarge, min: 1, max: 2}
)";

// kScratchAws with the password reference a managed database needs.
const std::string kScratchAwsManaged =
    std::string(kScratchAws) + "  secrets: {database-password: {ref: \"aws-ssm://db/pw\"}}\n";

bool contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

}  // namespace

TEST_CASE("terraform: aws and azure get a complete root module, local none") {
  for (const std::string env : {"aws-prod", "azure-dev"}) {
    INFO(env);
    auto root = emit_root(env);
    std::set<std::string> expected = {"terraform/backend.tf",   "terraform/main.tf",
                                      "terraform/outputs.tf",   "terraform/providers.tf",
                                      "terraform/variables.tf", "terraform/terraform.tfvars.json"};
    for (const auto& module : kModules) {
      for (const char* f : {"main.tf", "outputs.tf", "variables.tf", "versions.tf"}) {
        expected.insert("terraform/modules/" + module + "/" + f);
      }
    }
    std::set<std::string> actual;
    for (const auto& [path, file] : root.tree.files()) {
      INFO(path);
      if (!expected.count(path)) {
        // Anything else is a module's other file (its README).
        const std::string& file_path = path;  // clang 14 cannot capture a structured binding
        CHECK(std::any_of(kModules.begin(), kModules.end(), [&](const std::string& m) {
          return file_path.starts_with("terraform/modules/" + m + "/");
        }));
      }
      actual.insert(path);
      CHECK(file.wave == 0);
      CHECK(file.objects.empty());
      CHECK((!file.content.empty() && file.content.back() == '\n'));
    }
    CHECK(std::includes(actual.begin(), actual.end(), expected.begin(), expected.end()));
  }
  CHECK(emit_root("local").tree.files().empty());
}

TEST_CASE(
    "terraform: main.tf, variables.tf and outputs.tf are the contract's reference renderings") {
  for (const std::string provider : {"aws", "azure"}) {
    INFO(provider);
    auto root = emit_root(provider == "aws" ? "aws-prod" : "azure-dev");
    fs::path example = source_dir() / "tests/modules" / (provider + "-example");
    for (const char* name : {"main.tf", "variables.tf", "outputs.tf"}) {
      INFO(name);
      std::string reference = read_file(example / name);
      // The example calls the modules in the source tree.
      reference = replace_all(reference, "../../../modules/" + provider + "/", "./modules/");
      CHECK(root_file(root.tree, name) == reference);
    }
  }
}

TEST_CASE("terraform: the modules are copied verbatim from modules/<provider>") {
  for (const std::string provider : {"aws", "azure"}) {
    INFO(provider);
    auto root = emit_root(provider == "aws" ? "aws-prod" : "azure-dev");
    fs::path dir = source_dir() / "modules" / provider;
    std::set<std::string> on_disk;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      std::string rel = entry.path().lexically_relative(dir).generic_string();
      if (rel.front() == '.' || contains(rel, "/.")) continue;
      on_disk.insert(rel);
      INFO(rel << " (rebuild after changing modules/)");
      CHECK(root_file(root.tree, "modules/" + rel) == read_file(entry.path()));
    }
    std::set<std::string> emitted;
    for (const auto& [path, _] : root.tree.files()) {
      if (path.starts_with("terraform/modules/")) emitted.insert(path.substr(18));
    }
    CHECK(emitted == on_disk);
    CHECK(on_disk.count("network/main.tf"));
  }
}

TEST_CASE("terraform: tfvars of aws-prod are the environment, keys sorted") {
  auto root = emit_root("aws-prod");
  std::string text = root_file(root.tree, "terraform.tfvars.json");
  auto expected = nlohmann::json::parse(R"({
    "azs": ["ap-southeast-2a", "ap-southeast-2b", "ap-southeast-2c"],
    "data_proxy_service_accounts": ["ivcap-system:ivcap-data-proxy"],
    "database": {"managed": true, "size": "medium", "version": "15"},
    "database_password_ref": "aws-secretsmanager://ivcap/aws-prod/db-password",
    "domain": "ivcap.example.com",
    "environment": "aws-prod",
    "kubernetes_version": "1.32",
    "node_pools": [
      {"max": 6, "min": 3, "name": "system", "size": "m6i.xlarge"},
      {"labels": {"ivcap.io/pool": "workers"}, "max": 10, "min": 2, "name": "workers",
       "size": "m6i.2xlarge"},
      {"gpu": {"count": 1, "type": "nvidia-tesla-t4"},
       "labels": {"ivcap.io/accelerator": "nvidia-tesla-t4"},
       "max": 4, "min": 0, "name": "gpu", "size": "g4dn.xlarge",
       "taints": [{"effect": "NoSchedule", "key": "nvidia.com/gpu", "value": "present"}]}
    ],
    "project": "ivcap",
    "region": "ap-southeast-2",
    "tags": {"managed-by": "ivcapgen"}
  })");
  auto actual = nlohmann::json::parse(text);
  CHECK(actual == expected);
  // Sorted keys: the text is what a sorted dump produces.
  CHECK(text == output::Json::parse(actual.dump()).dump(2) + "\n");
}

TEST_CASE("terraform: azure-dev GPU pool, labels, taints and the Key Vault reference") {
  auto root = emit_root("azure-dev");
  auto vars = nlohmann::json::parse(root_file(root.tree, "terraform.tfvars.json"));
  CHECK_FALSE(vars.contains("azs"));
  CHECK(vars["database_password_ref"] == "azurekeyvault://kv-ivcap-dev/db-password");
  CHECK(vars["data_proxy_service_accounts"] ==
        nlohmann::json::array({"ivcap-system:ivcap-gateway"}));
  REQUIRE(vars["node_pools"].size() == 2);
  CHECK(vars["node_pools"][0] ==
        nlohmann::json::parse(
            R"({"max": 3, "min": 1, "name": "system", "size": "Standard_D4s_v5"})"));
  const auto& gpu = vars["node_pools"][1];
  CHECK(gpu["name"] == "gpu");
  CHECK(gpu["size"] == "Standard_NC6s_v3");
  CHECK(gpu["gpu"] == nlohmann::json::parse(R"({"count": 1, "type": "nvidia-tesla-v100"})"));
  CHECK(gpu["labels"] == nlohmann::json::parse(R"({"ivcap.io/accelerator": "nvidia-tesla-v100"})"));
  CHECK(gpu["taints"] ==
        nlohmann::json::parse(
            R"([{"effect": "NoSchedule", "key": "nvidia.com/gpu", "value": "present"}])"));

  // main.tf: "system" is the AKS system pool; the others, with their labels
  // and taints, are user pools.
  std::string main = root_file(root.tree, "main.tf");
  CHECK(contains(main, "module \"cluster\" {\n  source = \"./modules/cluster\"\n"));
  CHECK(contains(main, "one([for p in var.node_pools : p if p.name == \"system\"])"));
  CHECK(contains(
      main, "user_pools  = [for p in var.node_pools : p if p.name != local.system_pool.name]"));
  CHECK(contains(main, "  node_pools = [\n    for p in local.user_pools : {\n"));
  CHECK(contains(main, "      labels    = p.labels\n      taints    = p.taints\n"));
  // ... which the copied cluster module turns into AKS node labels and taints.
  std::string cluster = root_file(root.tree, "modules/cluster/main.tf");
  CHECK(contains(cluster, "node_labels           = each.value.labels"));
  CHECK(contains(cluster, "node_taints           = local.user_pool_taints[each.key]"));

  // The password is a Key Vault reference, parsed into vault and secret
  // names, read by the database module at plan time, never a value.
  CHECK(contains(main, "regex(\"^azurekeyvault://([^/]+)/([^/]+)$\", var.database_password_ref)"));
  CHECK(contains(main,
                 "  administrator_password_secret = {\n    key_vault_name = local.password_ref[0]\n"
                 "    name           = local.password_ref[1]\n  }\n"));
  std::string database = root_file(root.tree, "modules/database/main.tf");
  CHECK(contains(database, "ephemeral \"azurerm_key_vault_secret\" \"administrator_password\""));
  for (const auto& [path, file] : root.tree.files()) {
    INFO(path);
    CHECK_FALSE(contains(file.content, "administrator_password ="));
  }
  for (const auto& module : kModules) {
    CHECK(contains(main, "module \"" + module + "\" {\n  source = \"./modules/" + module + "\"\n"));
  }
}

TEST_CASE("terraform: providers.tf pins terraform and the provider") {
  std::string aws = root_file(emit_root("aws-prod").tree, "providers.tf");
  CHECK(aws ==
        "terraform {\n"
        "  required_version = \">= 1.11\"\n"
        "\n"
        "  required_providers {\n"
        "    aws = {\n"
        "      source  = \"hashicorp/aws\"\n"
        "      version = \"~> 5.100\"\n"
        "    }\n"
        "  }\n"
        "}\n"
        "\n"
        "provider \"aws\" {\n"
        "  region = var.region\n"
        "\n"
        "  # project and environment on every resource, also on any a module does not tag\n"
        "  # itself (the modules tag all of theirs; project and environment win over tags).\n"
        "  default_tags {\n"
        "    tags = merge(var.tags, { project = var.project, environment = var.environment })\n"
        "  }\n"
        "}\n");
  std::string azure = root_file(emit_root("azure-dev").tree, "providers.tf");
  std::string reference = read_file(source_dir() / "tests/modules/azure-example/providers.tf");
  CHECK(azure == reference);
}

TEST_CASE("terraform: backend.tf from spec.terraform.backend") {
  CHECK(root_file(emit_root("aws-prod").tree, "backend.tf") ==
        "# spec.terraform.backend (s3). Credentials come from the environment of terraform, "
        "never from here.\n"
        "terraform {\n"
        "  backend \"s3\" {\n"
        "    bucket         = \"example-ivcap-tfstate\"\n"
        "    key            = \"ivcap/aws-prod.tfstate\"\n"
        "    region         = \"ap-southeast-2\"\n"
        "    dynamodb_table = \"ivcap-tfstate-lock\"\n"
        "    encrypt        = true\n"
        "  }\n"
        "}\n");
  CHECK(contains(root_file(emit_root("azure-dev").tree, "backend.tf"),
                 "  backend \"azurerm\" {\n"
                 "    resource_group_name  = \"tfstate\"\n"
                 "    storage_account_name = \"tfstate01\"\n"
                 "    container_name       = \"state\"\n"
                 "    key                  = \"ivcap/azure-dev.tfstate\"\n"
                 "    use_azuread_auth     = true\n"
                 "  }\n"));

  TempDir dir;
  SECTION("s3 defaults: key <project>/<env>.tfstate, the environment's region, S3 lock files") {
    auto root = emit_root(
        scratch_environment(
            dir, kScratchAwsManaged + "  terraform: {backend: {type: s3, bucket: \"st${x}\"}}\n")
            .string());
    CHECK(contains(root_file(root.tree, "backend.tf"),
                   "  backend \"s3\" {\n"
                   "    bucket       = \"st$${x}\"\n"
                   "    key          = \"my_proj/scratch.tfstate\"\n"
                   "    region       = \"us-east-1\"\n"
                   "    encrypt      = true\n"
                   "    use_lockfile = true\n"
                   "  }\n"));
  }
  SECTION("no backend: local state") {
    auto root = emit_root(scratch_environment(dir, kScratchAwsManaged).string());
    CHECK(
        contains(root_file(root.tree, "backend.tf"),
                 "terraform {\n  backend \"local\" {\n    path = \"terraform.tfstate\"\n  }\n}\n"));
  }
  SECTION("local with a path") {
    auto root =
        emit_root(scratch_environment(
                      dir, kScratchAwsManaged +
                               "  terraform: {backend: {type: local, path: state/x.tfstate}}\n")
                      .string());
    CHECK(contains(root_file(root.tree, "backend.tf"), "    path = \"state/x.tfstate\"\n"));
  }
}

TEST_CASE("terraform: an unmanaged database passes no password reference") {
  TempDir dir;
  auto root = emit_root(
      scratch_environment(dir, std::string(kScratchAws) +
                                   "  database: {managed: false}\n"
                                   "  secrets: {database-password: {ref: \"aws-ssm://db/pw\"}}\n")
          .string());
  auto vars = nlohmann::json::parse(root_file(root.tree, "terraform.tfvars.json"));
  CHECK(vars["database"] ==
        nlohmann::json::parse(R"({"managed": false, "size": "small", "version": "15"})"));
  CHECK_FALSE(vars.contains("database_password_ref"));
  CHECK(vars["project"] == "my_proj");
  CHECK(vars["azs"] == nlohmann::json::array({"us-east-1a", "us-east-1b", "us-east-1c"}));
  // The templates do not depend on the environment.
  auto prod = emit_root("aws-prod");
  for (const char* name : {"main.tf", "variables.tf", "outputs.tf", "providers.tf"}) {
    CHECK(root_file(root.tree, name) == root_file(prod.tree, name));
  }
}

TEST_CASE("terraform: settings Terraform does not use change nothing; output is deterministic") {
  TempDir dir;
  auto base = emit_root(scratch_environment(dir, kScratchAws).string());
  auto again = emit_root(scratch_environment(dir, kScratchAws).string());
  auto other = emit_root(
      scratch_environment(dir, std::string(kScratchAws) +
                                   "  runtime: {gateway: {replicas: 3}}\n"
                                   "  drift: {ignore: [\"Deployment/*:/spec/replicas\"]}\n")
          .string());
  REQUIRE(base.tree.files().size() == again.tree.files().size());
  REQUIRE(base.tree.files().size() == other.tree.files().size());
  for (const auto& [path, file] : base.tree.files()) {
    INFO(path);
    CHECK(again.tree.find(path)->content == file.content);
    CHECK(other.tree.find(path)->content == file.content);
  }
}
