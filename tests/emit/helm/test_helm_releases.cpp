// helm/releases.json and helm/<release>.values.yaml: which releases, in
// which order, where; user values merged over the generated ones with
// Helm's semantics; Argo confined to the services namespace with the
// environment's artifact store; Secrets only by name.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "emit/emitters.h"
#include "emit/helm/releases.h"
#include "emit/helm/values_merge.h"
#include "emit/model_json.h"
#include "emit/waves.h"
#include "spec/model_loader.h"
#include "support/test_env.h"
#include "support/yaml_fixture.h"

namespace {

using ivcapgen::emit::Json;
namespace testing = ivcapgen::testing;

ivcapgen::model::Model load(const std::string& environment) {
  ivcapgen::diag::DiagnosticSink sink;
  ivcapgen::spec::LoadOptions options;
  options.environment = environment;
  auto m = ivcapgen::spec::load_model(options, sink);
  if (!m || sink.has_errors()) FAIL(testing::describe_all(sink));
  return std::move(*m);
}

// A scratch environment: `spec:` body as given, no services.
ivcapgen::model::Model load_scratch(const testing::TempDir& dir, const std::string& spec_body) {
  testing::write_file(
      dir / "environment.yaml",
      "apiVersion: ivcapgen/v1\nkind: Environment\nmetadata: {name: scratch}\nspec:\n" + spec_body);
  return load((dir / "environment.yaml").string());
}

struct Emitted {
  ivcapgen::output::OutputTree tree;

  Json releases() const {
    const auto* f = tree.find("helm/releases.json");
    REQUIRE(f != nullptr);
    return Json::parse(f->content);
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& r : releases()) out.push_back(r["name"]);
    return out;
  }
  Json values(const std::string& release) const {
    const auto* f = tree.find("helm/" + release + ".values.yaml");
    REQUIRE(f != nullptr);
    auto parsed = testing::parse_yaml(f->content, release + ".values.yaml");
    REQUIRE_FALSE(parsed->sink.has_errors());
    REQUIRE(parsed->documents.size() == 1);
    return ivcapgen::emit::node_to_json(parsed->doc());
  }
};

Emitted emit(const ivcapgen::model::Model& m) {
  Emitted e;
  ivcapgen::emit::emit_helm_releases(m, e.tree);
  return e;
}

const Json& at(const Json& j, const std::string& pointer) {
  return j.at(Json::json_pointer(pointer));
}

}  // namespace

TEST_CASE("releases.json lists the local releases in dependency order, ties by name",
          "[emit][helm]") {
  Emitted e = emit(load("local"));
  CHECK(e.names() == std::vector<std::string>{"cert-manager", "ingress-nginx",
                                              "kubernetes-replicator", "minio", "argo-workflows",
                                              "loki", "nats", "postgresql", "sealed-secrets"});
  std::map<std::string, int> position;
  int index = 0;
  for (const auto& r : e.releases()) {
    INFO(r.dump());
    CHECK(r["order"] == index);
    CHECK(r["wave"] == ivcapgen::emit::kWaveComponents);
    for (const auto& dep : r["dependsOn"]) {
      REQUIRE(position.count(dep.get<std::string>()) == 1);  // installed before
    }
    std::string values_file = r["valuesFile"];
    CHECK(values_file == r["name"].get<std::string>() + ".values.yaml");
    CHECK(e.tree.find("helm/" + values_file) != nullptr);
    CHECK(e.tree.find("helm/" + values_file)->wave == ivcapgen::emit::kWaveComponents);
    std::string repo = r["repo"];
    CHECK((repo.rfind("https://", 0) == 0 || repo.rfind("oci://", 0) == 0));
    position[r["name"]] = index++;
  }
}

TEST_CASE("releases.json carries chart, repo, pinned version and resolved namespace",
          "[emit][helm]") {
  Emitted e = emit(load("local"));
  std::map<std::string, Json> by_name;
  for (const auto& r : e.releases()) by_name[r["name"]] = r;
  const Json& pg = by_name.at("postgresql");
  CHECK(pg["chart"] == "postgresql");
  CHECK(pg["repo"] == "oci://registry-1.docker.io/bitnamicharts");
  CHECK(pg["version"] == "17.1.0");
  CHECK(pg["namespace"] == "ivcap-system");
  CHECK(by_name.at("argo-workflows")["namespace"] == "argo");
  CHECK(by_name.at("argo-workflows")["dependsOn"] == Json::array({"minio"}));
  CHECK(by_name.at("cert-manager")["namespace"] == "cert-manager");
  CHECK(by_name.at("cert-manager")["version"] == "v1.20.3");
  CHECK(by_name.at("ingress-nginx")["namespace"] == "ingress-nginx");
  CHECK(by_name.at("ingress-nginx")["dependsOn"] == Json::array({"cert-manager"}));
  // Key order is part of the contract the deploy stage and reviewers read.
  std::vector<std::string> keys;
  for (const auto& [k, _] : pg.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"name", "chart", "repo", "version", "namespace", "wave",
                                         "valuesFile", "dependsOn", "order"});
}

TEST_CASE("disabled components have no release, no values file and no dependants' edge",
          "[emit][helm]") {
  Emitted e = emit(load("aws-prod"));
  auto names = e.names();
  CHECK(std::find(names.begin(), names.end(), "minio") == names.end());
  CHECK(std::find(names.begin(), names.end(), "postgresql") == names.end());
  CHECK(e.tree.find("helm/minio.values.yaml") == nullptr);
  CHECK(e.tree.find("helm/postgresql.values.yaml") == nullptr);
  CHECK(names.size() == 7);
  for (const auto& r : e.releases()) CHECK(r["dependsOn"].size() <= 1);
  for (const auto& r : e.releases()) {
    if (r["name"] == "loki" || r["name"] == "argo-workflows") CHECK(r["dependsOn"].empty());
  }
}

TEST_CASE("a component switched off, a version and a namespace given by the user", "[emit][helm]") {
  testing::TempDir dir;
  auto m = load_scratch(dir,
                        "  provider: local\n"
                        "  components:\n"
                        "    cert-manager: {enabled: false}\n"
                        "    nats: {namespace: messaging}\n");
  Emitted e = emit(m);
  auto names = e.names();
  CHECK(std::find(names.begin(), names.end(), "cert-manager") == names.end());
  for (const auto& r : e.releases()) {
    if (r["name"] == "ingress-nginx") CHECK(r["dependsOn"].empty());
    if (r["name"] == "nats") CHECK(r["namespace"] == "messaging");
  }
  // Without cert-manager the admission webhook keeps the chart's own certs.
  CHECK_FALSE(e.values("ingress-nginx")["controller"].contains("admissionWebhooks"));
}

TEST_CASE("merge_helm_values: maps merge, lists replace, null stays to delete", "[emit][helm]") {
  using ivcapgen::emit::helm::merge_helm_values;
  Json base = {{"a", {{"x", 1}, {"y", {1, 2}}}}, {"b", "keep"}};
  Json overlay = {{"a", {{"y", {3}}, {"z", true}, {"x", nullptr}}}, {"c", {{"d", 1}}}};
  Json merged = merge_helm_values(base, overlay);
  CHECK(merged.dump() == R"({"a":{"x":null,"y":[3],"z":true},"b":"keep","c":{"d":1}})");
  // A map replaced by a scalar and the other way round: the overlay wins.
  CHECK(merge_helm_values({{"a", {{"x", 1}}}}, {{"a", 5}}).dump() == R"({"a":5})");
  CHECK(merge_helm_values({{"a", 5}}, {{"a", {{"x", 1}}}}).dump() == R"({"a":{"x":1}})");
}

TEST_CASE("user values are deep-merged over the generated values", "[emit][helm]") {
  testing::TempDir dir;
  auto m = load_scratch(dir,
                        "  provider: local\n"
                        "  components:\n"
                        "    argo-workflows:\n"
                        "      values:\n"
                        "        controller:\n"
                        "          parallelism: 20\n"
                        "          resources: null\n"
                        "          workflowNamespaces: [team-a, team-b]\n"
                        "        server: {authModes: [server]}\n");
  Json v = emit(m).values("argo-workflows");
  const Json& controller = v["controller"];
  CHECK(controller["parallelism"] == 20);                                        // added
  CHECK(controller["workflowNamespaces"] == Json::array({"team-a", "team-b"}));  // replaced
  CHECK(controller["resources"].is_null());   // deleted (null kept for Helm)
  CHECK(controller["extraArgs"].is_array());  // generated sibling kept
  CHECK(v["server"]["authModes"] == Json::array({"server"}));
  CHECK(v["server"]["enabled"] == true);
  CHECK(v["images"]["tag"] == "v3.6.19");
}

TEST_CASE("the shipped azure-dev values keep the user's controller parallelism", "[emit][helm]") {
  Json v = emit(load("azure-dev")).values("argo-workflows");
  CHECK(v["controller"]["parallelism"] == 20);
  CHECK(v["controller"]["workflowNamespaces"] == Json::array({"ivcap-services"}));
}

TEST_CASE("argo-workflows is confined to the services namespace", "[emit][helm]") {
  testing::TempDir dir;
  auto m = load_scratch(dir,
                        "  provider: local\n"
                        "  namespaces: {services: analytics, argo: workflows}\n");
  Emitted e = emit(m);
  for (const auto& r : e.releases()) {
    if (r["name"] == "argo-workflows") CHECK(r["namespace"] == "workflows");
  }
  Json v = e.values("argo-workflows");
  CHECK(v["singleNamespace"] == false);
  CHECK(at(v, "/controller/workflowNamespaces") == Json::array({"analytics"}));
  Json args = Json::array({"--namespaced", "--managed-namespace=analytics"});
  CHECK(at(v, "/controller/extraArgs") == args);
  CHECK(at(v, "/server/extraArgs") == args);
  CHECK(at(v, "/server/enabled") == true);
  CHECK(at(v, "/server/authModes") == Json::array({"client"}));
  CHECK(at(v, "/images/tag") == "v3.6.19");
  CHECK(at(v, "/controller/clusterWorkflowTemplates/enabled") == false);
  // Workflow pods run as ivcapgen's own account (wave 2), not the chart's.
  CHECK(at(v, "/workflow/serviceAccount/create") == false);
  CHECK(at(v, "/workflow/serviceAccount/name") == "ivcap-workflow");
  CHECK(at(v, "/workflow/rbac/create") == false);
  // The executor's containers run in the restricted services namespace.
  const Json& sc = at(v, "/executor/securityContext");
  CHECK(sc["runAsNonRoot"] == true);
  CHECK(sc["allowPrivilegeEscalation"] == false);
  CHECK(sc["capabilities"]["drop"] == Json::array({"ALL"}));
  CHECK(sc["seccompProfile"]["type"] == "RuntimeDefault");
}

TEST_CASE("argo's artifact repository is the environment's object store", "[emit][helm]") {
  SECTION("local: MinIO in the platform namespace, keys from a Secret") {
    Json v = emit(load("local")).values("argo-workflows");
    const Json& s3 = at(v, "/artifactRepository/s3");
    CHECK(v["useStaticCredentials"] == true);
    CHECK(s3["endpoint"] == "minio.ivcap-system.svc.cluster.local:9000");
    CHECK(s3["bucket"] == "ivcap-local-artifacts");
    CHECK(s3["insecure"] == true);
    CHECK(s3["accessKeySecret"] ==
          Json({{"name", "ivcap-artifact-repository"}, {"key", "accesskey"}}));
    CHECK(s3["secretKeySecret"] ==
          Json({{"name", "ivcap-artifact-repository"}, {"key", "secretkey"}}));
  }
  SECTION("aws: the S3 bucket, keys from the repository Secret") {
    Json v = emit(load("aws-prod")).values("argo-workflows");
    const Json& s3 = at(v, "/artifactRepository/s3");
    CHECK(v["useStaticCredentials"] == true);
    CHECK(s3["bucket"] == "ivcap-aws-prod-artifacts");
    CHECK(s3["region"] == "ap-southeast-2");
    CHECK_FALSE(s3.contains("useSDKCreds"));
    CHECK(s3["accessKeySecret"] ==
          Json({{"name", "ivcap-artifact-repository"}, {"key", "accesskey"}}));
  }
  SECTION("azure: the blob container of the environment's storage account") {
    Json v = emit(load("azure-dev")).values("argo-workflows");
    const Json& azure = at(v, "/artifactRepository/azure");
    CHECK_FALSE(v["artifactRepository"].contains("s3"));
    std::string endpoint = azure["endpoint"];
    CHECK(std::regex_match(
        endpoint, std::regex(R"(https://ivcapazuredev[0-9a-f]{6}\.blob\.core\.windows\.net)")));
    CHECK(azure["container"] == "ivcap-azure-dev-artifacts");
    CHECK_FALSE(azure.contains("useSDKCreds"));
    CHECK(azure["accountKeySecret"] ==
          Json({{"name", "ivcap-artifact-repository"}, {"key", "accountkey"}}));
  }
}

TEST_CASE("high availability follows the gateway's replicas", "[emit][helm]") {
  Emitted ha = emit(load("aws-prod"));  // overlays/ha.yaml: 3 gateways
  Emitted single = emit(load("azure-dev"));
  CHECK(at(ha.values("ingress-nginx"), "/controller/replicaCount") == 2);
  CHECK(at(single.values("ingress-nginx"), "/controller/replicaCount") == 1);
  CHECK(at(ha.values("cert-manager"), "/podDisruptionBudget/enabled") == true);
  CHECK_FALSE(single.values("cert-manager").contains("podDisruptionBudget"));
  CHECK(at(ha.values("nats"), "/config/cluster/replicas") == 3);
  CHECK_FALSE(single.values("nats")["config"].contains("cluster"));
  CHECK(at(ha.values("argo-workflows"), "/controller/pdb/enabled") == true);
  CHECK(at(ha.values("loki"), "/singleBinary/replicas") == 3);
  CHECK(at(ha.values("loki"), "/loki/commonConfig/replication_factor") == 3);
}

TEST_CASE("platform-specific values of the other charts", "[emit][helm]") {
  Emitted local = emit(load("local"));
  Emitted aws = emit(load("aws-prod"));
  Emitted azure = emit(load("azure-dev"));

  Json cm = local.values("cert-manager");
  CHECK(at(cm, "/crds/enabled") == true);
  CHECK(at(cm, "/global/leaderElection/namespace") == "cert-manager");

  CHECK(at(local.values("ingress-nginx"), "/controller/service/type") == "LoadBalancer");
  CHECK(at(aws.values("ingress-nginx"),
           "/controller/service/annotations/service.beta.kubernetes.io~1aws-load-balancer-type") ==
        "nlb");

  Json minio = local.values("minio");
  CHECK(minio["mode"] == "standalone");
  CHECK(at(minio, "/persistence/size") == "100Gi");  // storage.artifacts.sizeGi default
  CHECK(minio["existingSecret"] == "minio");
  CHECK(at(minio, "/buckets/0/name") == "ivcap-local-artifacts");
  CHECK(minio["users"] == Json::array());  // not the chart's console user

  Json pg = local.values("postgresql");
  CHECK(at(pg, "/auth/existingSecret") == "ivcap-postgresql");
  CHECK(at(pg, "/auth/database") == "ivcap");

  CHECK(at(local.values("nats"), "/config/jetstream/enabled") == true);

  Json loki_local = local.values("loki");
  CHECK(loki_local["deploymentMode"] == "SingleBinary");
  CHECK(at(loki_local, "/loki/storage/type") == "filesystem");
  CHECK(at(loki_local, "/loki/schemaConfig/configs/0/object_store") == "filesystem");
  CHECK(at(loki_local, "/singleBinary/replicas") == 1);
  for (const char* target : {"read", "write", "backend"}) {
    CHECK(loki_local[target]["replicas"] == 0);
  }
  Json loki_aws = aws.values("loki");
  CHECK(at(loki_aws, "/loki/storage/type") == "s3");
  CHECK(at(loki_aws, "/loki/storage/bucketNames/chunks") == "ivcap-aws-prod-artifacts");
  CHECK(at(loki_aws, "/loki/storage/s3/region") == "ap-southeast-2");
  CHECK(at(loki_aws, "/loki/schemaConfig/configs/0/object_store") == "s3");
  CHECK(at(loki_aws, "/loki/auth_enabled") == false);
  Json loki_azure = azure.values("loki");
  CHECK(at(loki_azure, "/loki/storage/type") == "azure");
  CHECK(at(loki_azure, "/loki/storage/azure/useFederatedToken") == true);
  CHECK(at(loki_azure, "/loki/schemaConfig/configs/0/object_store") == "azure");
}

TEST_CASE("a k8s-secret reference names PostgreSQL's password Secret", "[emit][helm]") {
  testing::TempDir dir;
  auto m = load_scratch(dir,
                        "  provider: local\n"
                        "  secrets:\n"
                        "    database-password: {ref: \"k8s-secret://ivcap-system/pg-auth/pw\"}\n");
  Json auth = emit(m).values("postgresql")["auth"];
  CHECK(auth["existingSecret"] == "pg-auth");
  CHECK(auth["secretKeys"] == Json({{"adminPasswordKey", "pw"}, {"userPasswordKey", "pw"}}));
}

namespace {

// Keys whose string value would be a credential itself. References are
// `existingSecret*`, `*Secret: {name, key}` and `secretKeys` (key names).
bool is_credential_key(std::string key) {
  std::transform(key.begin(), key.end(), key.begin(), ::tolower);
  static const std::set<std::string> kCredentials = {"password",
                                                     "rootpassword",
                                                     "rootuser",
                                                     "postgrespassword",
                                                     "replicationpassword",
                                                     "metricspassword",
                                                     "secretkey",
                                                     "accesskey",
                                                     "accountkey",
                                                     "secretaccesskey",
                                                     "accesskeyid",
                                                     "access_key_id",
                                                     "secret_access_key",
                                                     "account_key",
                                                     "connectionstring",
                                                     "token",
                                                     "clientsecret",
                                                     "bindpw"};
  return kCredentials.count(key) > 0;
}

void check_no_secret_values(const Json& j, const std::string& path) {
  if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i)
      check_no_secret_values(j[i], path + "/" + std::to_string(i));
    return;
  }
  if (!j.is_object()) return;
  for (const auto& [key, value] : j.items()) {
    INFO(path + "/" + key);
    if (is_credential_key(key)) CHECK((value.is_null() || value == ""));
    if (key.size() > 6 && key.substr(key.size() - 6) == "Secret" && value.is_object()) {
      // A selector: the Secret's name and the key in it, nothing else.
      std::set<std::string> fields;
      for (const auto& [k, _] : value.items()) fields.insert(k);
      CHECK(fields == std::set<std::string>{"name", "key"});
    }
    check_no_secret_values(value, path + "/" + key);
  }
}

}  // namespace

TEST_CASE("values files hold Secret names only, never secret values", "[emit][helm]") {
  for (const char* environment : {"local", "aws-prod", "azure-dev"}) {
    Emitted e = emit(load(environment));
    for (const auto& name : e.names()) {
      INFO(environment << " " << name);
      check_no_secret_values(e.values(name), "");
    }
  }
}

TEST_CASE("the values files say where they come from and how to change them", "[emit][helm]") {
  Emitted e = emit(load("local"));
  const auto* f = e.tree.find("helm/loki.values.yaml");
  REQUIRE(f != nullptr);
  CHECK(f->content.rfind("# Generated by ivcapgen for environment local", 0) == 0);
  CHECK(f->content.find("spec.components.loki.values") != std::string::npos);
}
