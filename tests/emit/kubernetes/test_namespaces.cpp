// k8s/00-namespaces.yaml: namespaces and Pod Security labels, default deny
// and per-service NetworkPolicies, quota and limits from the environment,
// least-privilege RBAC, and Argo's artifact repository.
#include <catch2/catch.hpp>

#include <set>

#include "emit/emitters.h"
#include "emit/kubernetes/namespaces.h"
#include "emit/model_json.h"
#include "emit/waves.h"
#include "k8s_fixture.h"
#include "output/output_tree.h"

using namespace ivcapgen;
using namespace ivcapgen::testing;

namespace {

std::vector<Json> objects_of(const std::string& environment) {
  return emit::k8s::namespaces_objects(load_environment(environment));
}

const Json& policy(const std::vector<Json>& objects, const std::string& name) {
  const Json* p = find_object(objects, "NetworkPolicy", name);
  if (!p) throw std::runtime_error("no NetworkPolicy " + name);
  return *p;
}

// Every `to` peer of the egress rules that allow `port`.
std::vector<Json> egress_peers_on(const Json& np, int port, const std::string& protocol = "TCP") {
  std::vector<Json> peers;
  for (const auto& rule : np["spec"]["egress"]) {
    if (!rule.contains("ports")) continue;
    for (const auto& p : rule["ports"]) {
      if (p["port"] == port && p["protocol"] == protocol) {
        for (const auto& peer : rule["to"]) peers.push_back(peer);
      }
    }
  }
  return peers;
}

bool has_pod_peer(const std::vector<Json>& peers, const std::string& namespace_,
                  const std::string& app) {
  for (const auto& peer : peers) {
    if (peer.value("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name"_json_pointer,
                   "") == namespace_ &&
        peer.value("/podSelector/matchLabels/app.kubernetes.io~1name"_json_pointer, "") == app) {
      return true;
    }
  }
  return false;
}

const Json* ip_block_peer(const std::vector<Json>& peers) {
  for (const auto& peer : peers) {
    if (peer.contains("ipBlock")) return &peer;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("namespaces carry the roles' names and Pod Security labels") {
  auto objects = objects_of("aws-prod");
  auto namespaces = of_kind(objects, "Namespace");
  REQUIRE(namespaces.size() == 3);
  std::set<std::string> names;
  for (const auto& ns : namespaces) names.insert(ns["metadata"]["name"]);
  CHECK(names == std::set<std::string>{"ivcap-system", "ivcap-services", "argo"});

  const Json* services = find_object(objects, "Namespace", "ivcap-services");
  REQUIRE(services);
  const Json& labels = (*services)["metadata"]["labels"];
  CHECK(labels["pod-security.kubernetes.io/enforce"] == "restricted");
  CHECK(labels["pod-security.kubernetes.io/enforce-version"] == "v1.32");
  CHECK(labels["pod-security.kubernetes.io/audit"] == "restricted");
  CHECK(labels["pod-security.kubernetes.io/warn"] == "restricted");
  CHECK_FALSE(services->contains("/metadata/namespace"_json_pointer));
}

TEST_CASE("namespace names come from the environment") {
  TempDir dir;
  auto m = load_scratch(dir,
                        "  provider: local\n"
                        "  namespaces: {platform: plat, services: svc, argo: wf}\n");
  auto objects = emit::k8s::namespaces_objects(m);
  CHECK(find_object(objects, "Namespace", "plat"));
  CHECK(find_object(objects, "Namespace", "wf"));
  const Json* svc = find_object(objects, "Namespace", "svc");
  REQUIRE(svc);
  CHECK((*svc)["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted");
  for (const auto& o : objects) {
    if (o["kind"] == "Namespace" || !o["metadata"].contains("namespace")) continue;
    std::string ns = o["metadata"]["namespace"];
    CHECK((ns == "plat" || ns == "svc"));
  }
}

TEST_CASE("every object carries the standard labels and a service's its name") {
  for (const std::string env : {"local", "azure-dev", "aws-prod"}) {
    INFO(env);
    for (const auto& o : objects_of(env)) {
      INFO(o["kind"].get<std::string>() << "/" << o["metadata"]["name"].get<std::string>());
      const Json& labels = o["metadata"]["labels"];
      CHECK(labels["app.kubernetes.io/managed-by"] == "ivcapgen");
      CHECK(labels["app.kubernetes.io/part-of"] == "ivcap");
      CHECK(labels["ivcap.io/environment"] == env);
      if (o["kind"] == "NetworkPolicy" && o["spec"]["podSelector"].contains("matchLabels") &&
          o["spec"]["podSelector"]["matchLabels"].contains("ivcap.io/service")) {
        CHECK(labels["ivcap.io/service"] ==
              o["spec"]["podSelector"]["matchLabels"]["ivcap.io/service"]);
      }
    }
  }
}

TEST_CASE("the services namespace denies all traffic by default") {
  auto objects = objects_of("azure-dev");
  const Json& deny = policy(objects, "default-deny");
  CHECK(deny["metadata"]["namespace"] == "ivcap-services");
  CHECK(deny["spec"]["podSelector"] == Json::object());
  CHECK(deny["spec"]["policyTypes"] == Json::array({"Ingress", "Egress"}));
  CHECK_FALSE(deny["spec"].contains("ingress"));
  CHECK_FALSE(deny["spec"].contains("egress"));
}

TEST_CASE("each orderable service gets its own NetworkPolicy") {
  auto m = load_environment("aws-prod");
  auto objects = emit::k8s::namespaces_objects(m);
  std::set<std::string> selected;
  for (const auto& np : of_kind(objects, "NetworkPolicy")) {
    const Json& sel = np["spec"]["podSelector"];
    if (sel.contains("matchLabels") && sel["matchLabels"].contains("ivcap.io/service")) {
      CHECK(np["metadata"]["namespace"] == "ivcap-services");
      selected.insert(sel["matchLabels"]["ivcap.io/service"]);
    }
  }
  // An app-server (crew-ui) is served by the gateway: it has no pods.
  std::set<std::string> expected;
  for (const auto& s : m.services) {
    if (s.controller().model != model::ControllerModel::AppServer) expected.insert(s.name());
  }
  CHECK(expected.count("crew-ui") == 0);
  CHECK(expected.count("species-lookup") == 1);
  CHECK(selected == expected);
  CHECK_FALSE(find_object(objects, "NetworkPolicy", "ivcap-crew-ui"));
}

TEST_CASE("a service policy allows its own pods, DNS, gateway, exit handler, node proxy") {
  auto objects = objects_of("aws-prod");  // dataProxy.mode: node
  const Json& np = policy(objects, "ivcap-hello-dag");
  CHECK(np["spec"]["policyTypes"] == Json::array({"Ingress", "Egress"}));
  Json own = {{"podSelector", {{"matchLabels", {{"ivcap.io/service", "hello-dag"}}}}}};
  CHECK(np["spec"]["ingress"][0] == Json{{"from", Json::array({own})}});
  CHECK(np["spec"]["egress"][0] == Json{{"to", Json::array({own})}});

  for (const std::string protocol : {"UDP", "TCP"}) {
    auto dns = egress_peers_on(np, 53, protocol);
    REQUIRE(dns.size() == 1);
    CHECK(dns[0]["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"] ==
          "kube-system");
  }
  auto http = egress_peers_on(np, 8080);
  CHECK(has_pod_peer(http, "ivcap-system", "ivcap-gateway"));
  CHECK(has_pod_peer(http, "ivcap-system", "ivcap-exit-handler"));
  CHECK_FALSE(has_pod_peer(http, "ivcap-system", "ivcap-dispatcher"));
  CHECK(has_pod_peer(egress_peers_on(np, 8181), "ivcap-system", "ivcap-data-proxy"));
  // No declared egress: nothing outside the cluster.
  CHECK_FALSE(ip_block_peer(egress_peers_on(np, 443)));
  CHECK_FALSE(np["metadata"].contains("annotations"));
  // A batch service is not reachable from the ingress controller.
  CHECK(np["spec"]["ingress"].size() == 1);
}

TEST_CASE("sidecar mode needs no egress rule to a data proxy") {
  auto objects = objects_of("azure-dev");
  const Json& np = policy(objects, "ivcap-hello-dag");
  CHECK(egress_peers_on(np, 8181).empty());
  CHECK(has_pod_peer(egress_peers_on(np, 8080), "ivcap-system", "ivcap-gateway"));
}

TEST_CASE("permitted egress hosts become HTTPS to public addresses, listed in an annotation") {
  auto objects = objects_of("aws-prod");
  const Json& np = policy(objects, "ivcap-gbif-ingest");
  CHECK(np["metadata"]["annotations"]["ivcap.io/allowed-egress-hosts"] == "api.gbif.org");
  auto https = egress_peers_on(np, 443);
  const Json* peer = ip_block_peer(https);
  REQUIRE(peer);
  CHECK((*peer)["ipBlock"]["cidr"] == "0.0.0.0/0");
  CHECK((*peer)["ipBlock"]["except"] ==
        Json::array({"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"}));
}

TEST_CASE("egress the environment does not permit gets no rule") {
  TempDir dir;
  auto m = load_scratch(
      dir,
      "  provider: local\n"
      "  policy: {allowedEgress: [\"*.example.org\", api.gbif.org]}\n",
      {{"wild", scratch_service("wild", kBasicController, "egress: [data.example.org]\n")},
       {"bare", scratch_service("bare", kBasicController, "egress: [example.org]\n")},
       {"mixed", scratch_service("mixed", kBasicController,
                                 "egress: [evil.example.com, api.gbif.org, x.example.org]\n")}});
  auto objects = emit::k8s::namespaces_objects(m);
  const Json& wild = policy(objects, "ivcap-wild");
  CHECK(ip_block_peer(egress_peers_on(wild, 443)));
  CHECK(wild["metadata"]["annotations"]["ivcap.io/allowed-egress-hosts"] == "data.example.org");
  // `*.example.org` does not cover example.org itself.
  const Json& bare = policy(objects, "ivcap-bare");
  CHECK_FALSE(ip_block_peer(egress_peers_on(bare, 443)));
  CHECK_FALSE(bare["metadata"].contains("annotations"));
  const Json& mixed = policy(objects, "ivcap-mixed");
  CHECK(mixed["metadata"]["annotations"]["ivcap.io/allowed-egress-hosts"] ==
        "api.gbif.org,x.example.org");
}

TEST_CASE("rest and dynamic services admit the ingress controller on their port") {
  auto objects = objects_of("aws-prod");
  const Json& np = policy(objects, "ivcap-species-lookup");
  REQUIRE(np["spec"]["ingress"].size() == 2);
  const Json& rule = np["spec"]["ingress"][1];
  CHECK(rule["ports"] == Json::array({{{"protocol", "TCP"}, {"port", 8090}}}));
  CHECK(rule["from"][0]["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"] ==
        "ingress-nginx");
  const Json& tiles = policy(objects, "ivcap-occurrence-tiles");
  CHECK(tiles["spec"]["ingress"][1]["ports"][0]["port"] == 8080);
}

TEST_CASE("Argo's executor may reach the API server and the artifact store") {
  auto local = objects_of("local");
  const Json& np = policy(local, "ivcap-argo-executor");
  CHECK(np["spec"]["podSelector"]["matchExpressions"][0]["key"] ==
        "workflows.argoproj.io/workflow");
  CHECK(np["spec"]["policyTypes"] == Json::array({"Egress"}));
  CHECK(egress_peers_on(np, 6443).size() == 3);
  CHECK(egress_peers_on(np, 9000)[0]["podSelector"]["matchLabels"]["app"] == "minio");
  // In a cloud the store is a public HTTPS endpoint.
  auto aws = objects_of("aws-prod");
  CHECK(ip_block_peer(egress_peers_on(policy(aws, "ivcap-argo-executor"), 443)));
}

TEST_CASE("the platform namespace admits each runtime component's callers") {
  auto objects = objects_of("aws-prod");
  const Json& gateway = policy(objects, "ivcap-gateway");
  CHECK(gateway["metadata"]["namespace"] == "ivcap-system");
  CHECK(gateway["spec"]["policyTypes"] == Json::array({"Ingress"}));
  std::set<std::string> namespaces;
  for (const auto& peer : gateway["spec"]["ingress"][0]["from"]) {
    if (!peer.contains("podSelector")) {
      namespaces.insert(peer["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"]);
    }
  }
  CHECK(namespaces == std::set<std::string>{"ingress-nginx", "ivcap-services"});
  CHECK(gateway["spec"]["ingress"][0]["ports"][0]["port"] == 8080);
  const Json& dispatcher = policy(objects, "ivcap-dispatcher");
  REQUIRE(dispatcher["spec"]["ingress"][0]["from"].size() == 1);
  CHECK(dispatcher["spec"]["ingress"][0]["from"][0]["podSelector"]["matchLabels"]
                  ["app.kubernetes.io/name"] == "ivcap-gateway");
  CHECK(find_object(objects, "NetworkPolicy", "ivcap-data-proxy"));
  CHECK_FALSE(find_object(objects_of("azure-dev"), "NetworkPolicy", "ivcap-data-proxy"));
}

TEST_CASE("quota and limit range come from the environment") {
  SECTION("aws-prod: explicit quota, GPU quota from the GPU pool at max size") {
    auto objects = objects_of("aws-prod");
    const Json* rq = find_object(objects, "ResourceQuota", "ivcap-services-quota");
    REQUIRE(rq);
    CHECK((*rq)["metadata"]["namespace"] == "ivcap-services");
    CHECK((*rq)["spec"]["hard"] == Json{{"pods", "2000"},
                                        {"requests.cpu", "256"},
                                        {"requests.memory", "1Ti"},
                                        {"requests.nvidia.com/gpu", "4"}});
  }
  SECTION("azure-dev: the small overlay's quota and defaults") {
    auto objects = objects_of("azure-dev");
    const Json* rq = find_object(objects, "ResourceQuota", "ivcap-services-quota");
    REQUIRE(rq);
    CHECK((*rq)["spec"]["hard"]["requests.cpu"] == "16");
    CHECK((*rq)["spec"]["hard"]["requests.memory"] == "64Gi");
    CHECK((*rq)["spec"]["hard"]["pods"] == "200");
    CHECK((*rq)["spec"]["hard"]["requests.nvidia.com/gpu"] == "2");
    const Json* lr = find_object(objects, "LimitRange", "ivcap-container-defaults");
    REQUIRE(lr);
    CHECK((*lr)["spec"]["limits"] ==
          Json::array({{{"type", "Container"},
                        {"default", {{"cpu", "500m"}, {"memory", "512Mi"}}},
                        {"defaultRequest", {{"cpu", "100m"}, {"memory", "128Mi"}}}}}));
  }
  SECTION("local: no GPU pool, no GPU line; built-in defaults") {
    auto objects = objects_of("local");
    const Json* rq = find_object(objects, "ResourceQuota", "ivcap-services-quota");
    REQUIRE(rq);
    CHECK_FALSE((*rq)["spec"]["hard"].contains("requests.nvidia.com/gpu"));
    CHECK((*rq)["spec"]["hard"]["requests.cpu"] == "64");
    const Json* lr = find_object(objects, "LimitRange", "ivcap-container-defaults");
    REQUIRE(lr);
    CHECK((*lr)["spec"]["limits"][0]["default"] == Json{{"cpu", "1"}, {"memory", "1Gi"}});
    CHECK((*lr)["spec"]["limits"][0]["defaultRequest"] ==
          Json{{"cpu", "100m"}, {"memory", "256Mi"}});
  }
  SECTION("an explicit GPU quota wins over the pools' capacity") {
    TempDir dir;
    auto m = load_scratch(dir,
                          "  provider: aws\n  region: ap-southeast-2\n  domain: x.example.org\n"
                          "  cluster:\n    nodePools:\n"
                          "      - {name: system, size: m6i.xlarge, min: 1, max: 2}\n"
                          "      - {name: gpu, size: g4dn.xlarge, min: 0, max: 5,\n"
                          "         gpu: {type: nvidia-tesla-t4, count: 1}}\n"
                          "  resources: {quota: {gpu: 3}}\n");
    auto objects = emit::k8s::namespaces_objects(m);
    const Json* rq = find_object(objects, "ResourceQuota", "ivcap-services-quota");
    REQUIRE(rq);
    CHECK((*rq)["spec"]["hard"]["requests.nvidia.com/gpu"] == "3");
  }
}

TEST_CASE("RBAC is namespaced and least-privilege") {
  auto objects = objects_of("aws-prod");
  CHECK(of_kind(objects, "ClusterRole").empty());
  CHECK(of_kind(objects, "ClusterRoleBinding").empty());

  SECTION("the dispatcher runs Argo Workflows in the services namespace only") {
    const Json* role = find_object(objects, "Role", "ivcap-dispatcher");
    REQUIRE(role);
    CHECK((*role)["metadata"]["namespace"] == "ivcap-services");
    Json workflows = (*role)["rules"][0];
    CHECK(workflows["apiGroups"] == Json::array({"argoproj.io"}));
    CHECK(workflows["resources"] == Json::array({"workflows"}));
    CHECK(workflows["verbs"] == Json::array({"create", "get", "list", "watch", "delete"}));
    Json templates = (*role)["rules"][1];
    CHECK(templates["resources"] == Json::array({"workflowtemplates"}));
    CHECK(templates["verbs"] == Json::array({"get", "list", "watch"}));
    const Json* binding = find_object(objects, "RoleBinding", "ivcap-dispatcher");
    REQUIRE(binding);
    CHECK((*binding)["metadata"]["namespace"] == "ivcap-services");
    CHECK((*binding)["roleRef"]["kind"] == "Role");
    CHECK((*binding)["subjects"] == Json::array({{{"kind", "ServiceAccount"},
                                                  {"name", "ivcap-dispatcher"},
                                                  {"namespace", "ivcap-system"}}}));
  }
  SECTION("scale-to-zero services may be scaled by the dispatcher, by name") {
    const Json* role = find_object(objects, "Role", "ivcap-dispatcher");
    REQUIRE(role);
    REQUIRE((*role)["rules"].size() == 4);
    CHECK((*role)["rules"][3]["resources"] == Json::array({"deployments/scale"}));
    CHECK((*role)["rules"][3]["resourceNames"] == Json::array({"ivcap-occurrence-tiles"}));
  }
  SECTION("the workflow account may read exactly one Secret") {
    const Json* role = find_object(objects, "Role", "ivcap-workflow");
    REQUIRE(role);
    int secret_rules = 0;
    for (const auto& rule : (*role)["rules"]) {
      for (const auto& resource : rule["resources"]) {
        if (resource != "secrets") continue;
        ++secret_rules;
        CHECK(rule["resourceNames"] == Json::array({"ivcap-artifact-repository"}));
        CHECK(rule["verbs"] == Json::array({"get"}));
      }
    }
    CHECK(secret_rules == 1);
    CHECK((*role)["rules"][0]["resources"] == Json::array({"workflowtaskresults"}));
    CHECK((*role)["rules"][0]["verbs"] == Json::array({"create", "patch"}));
  }
  SECTION("only the dispatcher and the workflow account get API tokens") {
    auto accounts = of_kind(objects, "ServiceAccount");
    REQUIRE(accounts.size() == 5);
    for (const auto& sa : accounts) {
      std::string name = sa["metadata"]["name"];
      INFO(name);
      bool token = name == "ivcap-dispatcher" || name == "ivcap-workflow";
      CHECK(sa["automountServiceAccountToken"] == token);
    }
    CHECK((*find_object(objects, "ServiceAccount", "ivcap-workflow"))["metadata"]["namespace"] ==
          "ivcap-services");
    // Identity annotations are Terraform outputs, added at apply time.
    CHECK_FALSE((*find_object(objects, "ServiceAccount", "ivcap-data-proxy"))["metadata"].contains(
        "annotations"));
  }
}

TEST_CASE("the artifact repository follows the environment's object store") {
  auto repository = [](const std::vector<Json>& objects) {
    const Json* cm = find_object(objects, "ConfigMap", "artifact-repositories");
    if (!cm) throw std::runtime_error("no artifact-repositories");
    CHECK((*cm)["metadata"]["namespace"] == "ivcap-services");
    CHECK((*cm)["metadata"]["annotations"]["workflows.argoproj.io/default-artifact-repository"] ==
          "default-v1");
    auto parsed = parse_yaml((*cm)["data"]["default-v1"].get<std::string>());
    REQUIRE_FALSE(parsed->sink.has_errors());
    return Json(emit::node_to_json(parsed->doc()));
  };
  SECTION("local: MinIO in the platform namespace, keys from the one Secret") {
    Json r = repository(objects_of("local"));
    CHECK(r["s3"]["endpoint"] == "minio.ivcap-system.svc.cluster.local:9000");
    CHECK(r["s3"]["bucket"] == "ivcap-local-artifacts");
    CHECK(r["s3"]["insecure"] == true);
    CHECK(r["s3"]["accessKeySecret"]["name"] == "ivcap-artifact-repository");
    CHECK(r["s3"]["secretKeySecret"]["name"] == "ivcap-artifact-repository");
  }
  SECTION("aws: the S3 bucket, keys from the repository Secret (never workload identity)") {
    Json r = repository(objects_of("aws-prod"));
    CHECK(r["s3"] ==
          Json{{"endpoint", "s3.amazonaws.com"},
               {"region", "ap-southeast-2"},
               {"bucket", "ivcap-aws-prod-artifacts"},
               {"accessKeySecret", {{"name", "ivcap-artifact-repository"}, {"key", "accesskey"}}},
               {"secretKeySecret", {{"name", "ivcap-artifact-repository"}, {"key", "secretkey"}}}});
  }
  SECTION("azure: the Blob container of the Terraform-named storage account") {
    Json r = repository(objects_of("azure-dev"));
    // substr(alnum("ivcap-azure-dev"), 0, 18) + substr(sha256(...), 0, 6)
    CHECK(r["azure"] == Json{{"endpoint", "https://ivcapazuredev772349.blob.core.windows.net"},
                             {"container", "ivcap-azure-dev-artifacts"},
                             {"accountKeySecret",
                              {{"name", "ivcap-artifact-repository"}, {"key", "accountkey"}}}});
  }
  SECTION("an explicit bucket name wins") {
    TempDir dir;
    auto m = load_scratch(dir,
                          "  provider: local\n"
                          "  project: my_proj\n"
                          "  storage: {artifacts: {bucket: shared-artifacts}}\n");
    Json r = repository(emit::k8s::namespaces_objects(m));
    CHECK(r["s3"]["bucket"] == "shared-artifacts");
  }
}

TEST_CASE("the emitter writes 00-namespaces.yaml in wave 2, and it reads back") {
  auto m = load_environment("azure-dev");
  output::OutputTree tree;
  emit::emit_namespaces(m, tree);
  const auto* file = tree.find("k8s/00-namespaces.yaml");
  REQUIRE(file);
  CHECK(file->wave == emit::kWaveNamespaces);
  auto objects = emit::k8s::namespaces_objects(m);
  REQUIRE(file->objects.size() == objects.size());
  auto parsed = parse_yaml(file->content, "00-namespaces.yaml");
  REQUIRE_FALSE(parsed->sink.has_errors());
  REQUIRE(parsed->documents.size() == objects.size());
  for (size_t i = 0; i < objects.size(); ++i) {
    CHECK(emit::node_to_json(parsed->documents[i]) == objects[i]);
  }
  // Deterministic: the same model, the same bytes.
  output::OutputTree again;
  emit::emit_namespaces(m, again);
  CHECK(again.find("k8s/00-namespaces.yaml")->content == file->content);
}
