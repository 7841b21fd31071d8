#include <catch2/catch.hpp>

#include "support/rule_fixture.h"

using namespace ivcapgen::testing;

namespace {
const char* kAws =
    "  provider: aws\n  region: ap-southeast-2\n  domain: example.com\n"
    "  cluster:\n    nodePools:\n      - {name: system, size: m6i.xlarge, min: 1, max: 3}\n"
    "  secrets:\n    database-password: {ref: \"aws-secretsmanager://db\"}\n";
}

TEST_CASE("a minimal local environment and a complete aws one are clean") {
  EnvTree t;
  t.environment("  provider: local\n");
  CHECK(validate_tree(t).clean());
  t.environment(kAws);
  auto v = validate_tree(t);
  INFO(describe_all(v.sink));
  CHECK(v.clean());
}

TEST_CASE("environment-names: name, project, domain, namespaces") {
  EnvTree t;
  t.environment(
      "  provider: local\n  project: 9bad\n  domain: bad..domain\n"
      "  namespaces: {platform: same, services: same, argo: Bad_NS}\n",
      "a-very-long-environment-name");
  auto v = validate_tree(t);
  auto r = v.of("environment-names");
  CHECK(r.find("environment name 'a-very-long-environment-name'") != std::string::npos);
  CHECK(r.find("7:12: project '9bad'") != std::string::npos);
  CHECK(r.find("8:11: domain 'bad..domain'") != std::string::npos);
  CHECK(r.find("namespace 'same' is used for two roles") != std::string::npos);
  CHECK(r.find("namespace 'Bad_NS' is not a DNS-1123 label") != std::string::npos);
}

TEST_CASE("provider-fields: cloud requirements and unknown regions") {
  EnvTree t;
  t.environment("  provider: aws\n  region: ap-southeast-9\n");
  auto r = validate_tree(t).of("provider-fields");
  CHECK(r.find("needs spec.domain") != std::string::npos);
  CHECK(r.find("needs at least one node pool") != std::string::npos);
  CHECK(r.find("7:11: unknown aws region 'ap-southeast-9'") != std::string::npos);
  t.environment("  provider: local\n  cluster: {kubernetesVersion: \"1.3x\"}\n");
  CHECK(validate_tree(t).of("provider-fields").find("kubernetesVersion '1.3x'") !=
        std::string::npos);
}

TEST_CASE("provider-fields: a managed database needs its password secret") {
  EnvTree t;
  std::string env = kAws;
  env = env.substr(0, env.find("  secrets:"));
  t.environment(env);
  CHECK(validate_tree(t).of("provider-fields").find("needs the secret 'database-password'") !=
        std::string::npos);
}

TEST_CASE("terraform-backend: fields per backend type") {
  EnvTree t;
  t.environment(std::string(kAws) + "  terraform: {backend: {type: s3}}\n");
  CHECK(validate_tree(t).of("terraform-backend").find("terraform backend 's3' needs bucket") !=
        std::string::npos);
  t.environment(std::string(kAws) + "  terraform: {backend: {type: azurerm, container: c}}\n");
  auto r = validate_tree(t).of("terraform-backend");
  CHECK(r.find("needs resourceGroup") != std::string::npos);
  CHECK(r.find("needs storageAccount") != std::string::npos);
}

TEST_CASE("node-pools: sizes, GPUs, ranges, duplicates") {
  EnvTree t;
  t.environment(
      "  provider: aws\n  region: us-east-1\n  domain: example.com\n"
      "  database: {managed: false}\n"
      "  cluster:\n    nodePools:\n"
      "      - {name: a, size: m6i.xlarg, min: 2, max: 1}\n"
      "      - {name: a, size: m6i.xlarge}\n"
      "      - {name: g, size: m6i.xlarge, gpu: {type: nvidia-tesla-t4}}\n"
      "      - {name: h, size: g4dn.xlarge, gpu: {type: nvidia-a100}}\n"
      "      - {name: i, size: g4dn.xlarge, gpu: {type: nvidia-tesla-t4, count: 2}}\n");
  auto r = validate_tree(t).of("node-pools");
  CHECK(r.find("12:25: unknown aws instance size 'm6i.xlarg'") != std::string::npos);
  CHECK(r.find("max (1) is below min (2)") != std::string::npos);
  CHECK(r.find("node pool 'a' is defined twice") != std::string::npos);
  CHECK(r.find("node pool 'g' asks for GPUs but size 'm6i.xlarge' has none") != std::string::npos);
  CHECK(r.find("size 'g4dn.xlarge' has nvidia-tesla-t4 GPUs, not 'nvidia-a100'") !=
        std::string::npos);
  CHECK(r.find("has 1 GPU(s) per node, not 2") != std::string::npos);
}

TEST_CASE("components: unknown names and versions") {
  EnvTree t;
  t.environment(
      "  provider: local\n  components:\n    argo-workflow: {version: 0.45.20}\n"
      "    loki: {version: latest}\n    nats: {version: 2.10.0}\n");
  auto v = validate_tree(t);
  auto r = v.of("components");
  CHECK(r.find("8:5: unknown component 'argo-workflow'") != std::string::npos);
  CHECK(r.find("component version 'latest'") != std::string::npos);
  CHECK(r.find("warning: nats 2.10.0 is not the pinned, checked version 2.14.2") !=
        std::string::npos);
}

TEST_CASE("runtime: image, replicas and ports") {
  EnvTree t;
  t.environment(
      "  provider: local\n  runtime:\n    image: {registry: \"bad registry\", tag: \"1/2\"}\n"
      "    gateway: {replicas: 0, port: 80}\n    dispatcher: {port: 9000}\n"
      "    exitHandler: {port: 9000}\n");
  auto r = validate_tree(t).of("runtime");
  CHECK(r.find("invalid image registry 'bad registry'") != std::string::npos);
  CHECK(r.find("invalid image tag '1/2'") != std::string::npos);
  CHECK(r.find("gateway replicas must be >= 1") != std::string::npos);
  CHECK(r.find("gateway port must be in 1024..65535") != std::string::npos);
  CHECK(r.find("exitHandler port 9000 is used by another component") != std::string::npos);
}

TEST_CASE("environment-quantities: defaults and quota") {
  EnvTree t;
  t.environment(
      "  provider: local\n  resources:\n    defaults: {requests: {cpu: 1GB}}\n"
      "    quota: {memory: lots, pods: 0}\n  policy: {allowedEgress: [\"bad host\"]}\n");
  auto r = validate_tree(t).of("environment-quantities");
  CHECK(r.find("invalid quantity '1GB'") != std::string::npos);
  CHECK(r.find("invalid quantity 'lots'") != std::string::npos);
  CHECK(r.find("quota pods must be >= 1") != std::string::npos);
  CHECK(r.find("invalid egress host 'bad host'") != std::string::npos);
}

TEST_CASE("secret-references: schemes and shapes") {
  EnvTree t;
  t.environment(
      "  provider: local\n  secrets:\n    a: {ref: \"vault://x\"}\n"
      "    b: {ref: \"azurekeyvault://only-vault\"}\n    c: {ref: \"k8s-secret://ns/name/key\"}\n");
  auto r = validate_tree(t).of("secret-references");
  CHECK(r.find("secret reference 'vault://x' has an unknown scheme") != std::string::npos);
  CHECK(r.find("malformed secret reference 'azurekeyvault://only-vault'") != std::string::npos);
  CHECK(r.find("k8s-secret") == std::string::npos);
}

TEST_CASE("drift-rules: Kind/name-glob:/pointer") {
  EnvTree t;
  t.environment(
      "  provider: local\n  drift: {ignore: [\"Deployment/*:/spec/replicas\", \"nonsense\"]}\n");
  auto r = validate_tree(t).of("drift-rules");
  CHECK(r.find("'nonsense' is not Kind/name-glob:/pointer") != std::string::npos);
  CHECK(r.find("Deployment/*") == std::string::npos);
}

TEST_CASE("overlay errors point at the overlay line") {
  EnvTree t;
  t.environment("  provider: local\n  overlays: [ov.yaml]\n");
  t.write("ov.yaml",
          "apiVersion: ivcapgen/v1\nkind: Overlay\nmetadata: {name: ov}\nspec:\n  runtime:\n"
          "    gateway: {replicas: 0}\n    gatway: {}\n");
  auto v = validate_tree(t);
  auto all = describe_all(v.sink);
  CHECK(all.find("ov.yaml:6:25: error: gateway replicas must be >= 1") != std::string::npos);
  CHECK(all.find("ov.yaml:7:5: error: unknown key 'gatway' in runtime [gateway]") !=
        std::string::npos);
}
