// k8s/30-apps/<service>.yaml: app-server Ingresses to the gateway (both
// host forms), rest/dynamic services as Deployment, Service, HPA (only when
// max > min >= 1) and Ingress, scale-to-zero annotations, CONTEXT_ROOT with
// a project holding `_`, and nothing for service-proxy.
#include <catch2/catch.hpp>

#include <set>

#include "emit/emitters.h"
#include "emit/kubernetes/apps.h"
#include "emit/kubernetes/objects.h"
#include "emit/waves.h"
#include "k8s_fixture.h"
#include "output/output_tree.h"

using namespace ivcapgen;
using namespace ivcapgen::testing;

namespace {

std::vector<Json> apps_of(const model::Model& m, const std::string& name) {
  const model::Service* s = m.find_service(name);
  if (!s) throw std::runtime_error("no service " + name);
  return emit::k8s::app_objects(m, *s);
}

// By value: callers often pass a temporary vector.
Json only(const std::vector<Json>& objects, const std::string& kind) {
  const Json* found = nullptr;
  for (const auto& o : objects) {
    if (o["kind"] != kind) continue;
    if (found) throw std::runtime_error("more than one " + kind);
    found = &o;
  }
  if (!found) throw std::runtime_error("no " + kind);
  return *found;
}

const Json& main_container(const Json& deployment) {
  return deployment["spec"]["template"]["spec"]["containers"][0];
}

std::string env_value(const Json& container, const std::string& name) {
  for (const auto& e : container["env"]) {
    if (e["name"] == name) return e.value("value", "");
  }
  return "<unset>";
}

std::string rest_controller(const std::string& extra = {}) {
  return "  $schema: urn:ivcap:schema:service.rest.1\n"
         "  image: ghcr.io/example/api:1.0\n" +
         extra;
}

}  // namespace

TEST_CASE("app-server: a single-label host gets .<domain> and a certificate") {
  auto m = load_environment("azure-dev");
  auto objects = apps_of(m, "crew-ui");
  REQUIRE(objects.size() == 1);
  const Json& ing = objects[0];
  CHECK(ing["kind"] == "Ingress");
  CHECK(ing["metadata"]["name"] == "ivcap-crew-ui");
  CHECK(ing["metadata"]["namespace"] == "ivcap-system");
  CHECK(ing["metadata"]["labels"]["ivcap.io/service"] == "crew-ui");
  CHECK(ing["metadata"]["annotations"]["cert-manager.io/cluster-issuer"] == "letsencrypt");
  CHECK(ing["metadata"]["annotations"]["ivcap.io/service-id"] == m.find_service("crew-ui")->id);
  const Json& spec = ing["spec"];
  CHECK(spec["ingressClassName"] == "nginx");
  CHECK(spec["tls"] == Json::parse(R"([{"hosts": ["crewai.dev.example.org"],
                                         "secretName": "ivcap-crew-ui-tls"}])"));
  const Json& rule = spec["rules"][0];
  CHECK(rule["host"] == "crewai.dev.example.org");
  const Json& path = rule["http"]["paths"][0];
  CHECK(path["path"] == "/");
  CHECK(path["pathType"] == "Prefix");
  CHECK(path["backend"]["service"] ==
        Json::parse(R"({"name": "ivcap-gateway", "port": {"name": "http"}})"));
}

TEST_CASE("app-server: a full host name is kept; localhost names get no certificate") {
  TempDir dir;
  auto m = load_scratch(
      dir, "  provider: local\n",
      {{"site",
        scratch_service("site",
                        "  $schema: urn:ivcap:schema:service.app-server.1\n"
                        "  host: site.example.net\n"
                        "  artifact: urn:ivcap:artifact:0f3c2a1e-5b7d-4e8a-9c6f-2d1b0a9e8f71\n")},
       {"local-ui",
        scratch_service("local-ui",
                        "  $schema: urn:ivcap:schema:service.app-server.1\n"
                        "  host: ui\n"
                        "  artifact: urn:ivcap:artifact:0f3c2a1e-5b7d-4e8a-9c6f-2d1b0a9e8f71\n")}});
  const Json full = apps_of(m, "site")[0];
  CHECK(full["spec"]["rules"][0]["host"] == "site.example.net");
  CHECK(full["spec"]["tls"][0]["hosts"][0] == "site.example.net");

  const Json local = apps_of(m, "local-ui")[0];
  CHECK(local["spec"]["rules"][0]["host"] == "ui.localhost");
  CHECK_FALSE(local["spec"].contains("tls"));
  CHECK_FALSE(local["metadata"]["annotations"].contains("cert-manager.io/cluster-issuer"));
}

TEST_CASE("rest service: Deployment, Service, HPA and Ingress at /<project>-<name>") {
  auto m = load_environment("local");
  auto objects = apps_of(m, "species-lookup");
  std::vector<std::string> kinds;
  for (const auto& o : objects) kinds.push_back(o["kind"]);
  CHECK(kinds == std::vector<std::string>{"ConfigMap", "Deployment", "Service",
                                          "HorizontalPodAutoscaler", "Ingress"});
  for (const auto& o : objects) {
    INFO(o["kind"]);
    CHECK(o["metadata"]["namespace"] == "ivcap-services");
    CHECK(o["metadata"]["labels"]["ivcap.io/service"] == "species-lookup");
    CHECK(o["metadata"]["labels"]["app.kubernetes.io/managed-by"] == "ivcapgen");
  }

  const Json& d = only(objects, "Deployment");
  CHECK(d["metadata"]["name"] == "ivcap-species-lookup");
  CHECK(d["spec"]["replicas"] == 1);
  const Json& pod = d["spec"]["template"];
  CHECK(pod["metadata"]["labels"]["ivcap.io/service"] == "species-lookup");
  for (const auto& [key, value] : d["spec"]["selector"]["matchLabels"].items()) {
    CHECK(pod["metadata"]["labels"][key] == value);
  }
  CHECK(pod["spec"]["automountServiceAccountToken"] == false);
  CHECK(pod["spec"]["securityContext"]["runAsNonRoot"] == true);
  const Json& c = main_container(d);
  CHECK(c["image"] == "ghcr.io/ivcap-works/species-lookup:2.1.0");
  CHECK(c["ports"][0] ==
        Json::parse(R"({"name": "http", "containerPort": 8090, "protocol": "TCP"})"));
  CHECK(env_value(c, "CONTEXT_ROOT") == "/ivcap-species-lookup");
  CHECK(env_value(c, "BACKBONE") == "gbif-2024");
  CHECK(env_value(c, "IVCAP_PROXY_URL") == "http://127.0.0.1:8181");
  CHECK(env_value(c, "IVCAP_RESULT_PATH") == "/ivcap/results");
  CHECK(env_value(c, "IVCAP_ORDER_ID") == "<unset>");  // not an order
  CHECK(c["readinessProbe"]["httpGet"] ==
        Json::parse(R"({"path": "/ivcap-species-lookup/_healtz", "port": "http"})"));
  CHECK(c["resources"] == Json::parse(R"({"limits": {"cpu": "1", "memory": "1Gi"},
                                           "requests": {"cpu": "250m", "memory": "512Mi"}})"));
  CHECK(c["securityContext"]["allowPrivilegeEscalation"] == false);
  // Sidecar mode (local): the data proxy rides along.
  const Json& containers = pod["spec"]["containers"];
  REQUIRE(containers.size() == 2);
  CHECK(containers[1]["name"] == "ivcap-data-proxy");

  const Json& svc = only(objects, "Service");
  CHECK(svc["spec"]["selector"] == d["spec"]["selector"]["matchLabels"]);
  CHECK(svc["spec"]["ports"][0]["port"] == 8090);
  CHECK(svc["spec"]["ports"][0]["targetPort"] == "http");

  const Json& hpa = only(objects, "HorizontalPodAutoscaler");
  CHECK(hpa["apiVersion"] == "autoscaling/v2");
  CHECK(hpa["spec"]["scaleTargetRef"]["name"] == "ivcap-species-lookup");
  CHECK(hpa["spec"]["minReplicas"] == 1);
  CHECK(hpa["spec"]["maxReplicas"] == 4);
  CHECK(hpa["spec"]["metrics"][0]["resource"]["name"] == "cpu");

  const Json& ing = only(objects, "Ingress");
  const Json& rule = ing["spec"]["rules"][0];
  CHECK(rule["host"] == "api.localhost");
  CHECK(rule["http"]["paths"][0]["path"] == "/ivcap-species-lookup");
  CHECK(rule["http"]["paths"][0]["pathType"] == "Prefix");
  CHECK(rule["http"]["paths"][0]["backend"]["service"]["name"] == "ivcap-species-lookup");
}

TEST_CASE("overlays reach the HPA: azure-dev's small overlay caps species-lookup at 2") {
  auto objects = apps_of(load_environment("azure-dev"), "species-lookup");
  CHECK(only(objects, "HorizontalPodAutoscaler")["spec"]["maxReplicas"] == 2);
}

TEST_CASE("an HPA only when replicas.max > replicas.min >= 1") {
  TempDir dir;
  auto m = load_scratch(
      dir, "  provider: local\n",
      {{"fixed", scratch_service("fixed", rest_controller("  replicas: {min: 2, max: 2}\n"))},
       {"from-zero",
        scratch_service("from-zero", rest_controller("  replicas: {min: 0, max: 3}\n"))},
       {"default", scratch_service("default", rest_controller())},
       {"scaling", scratch_service("scaling", rest_controller("  replicas: {min: 2, max: 5}\n"))}});
  for (const std::string name : {"fixed", "from-zero", "default"}) {
    INFO(name);
    CHECK(of_kind(apps_of(m, name), "HorizontalPodAutoscaler").empty());
  }
  CHECK(only(apps_of(m, "fixed"), "Deployment")["spec"]["replicas"] == 2);
  const Json& hpa = only(apps_of(m, "scaling"), "HorizontalPodAutoscaler");
  CHECK(hpa["spec"]["minReplicas"] == 2);
  CHECK(hpa["spec"]["maxReplicas"] == 5);
}

TEST_CASE("scale-to-zero: no replicas, no HPA, and what the dispatcher needs to know") {
  auto m = load_environment("aws-prod");
  auto objects = apps_of(m, "occurrence-tiles");
  CHECK(of_kind(objects, "HorizontalPodAutoscaler").empty());
  CHECK(of_kind(objects, "ConfigMap").empty());  // node mode: no sidecar
  const Json& d = only(objects, "Deployment");
  CHECK(d["spec"]["replicas"] == 0);
  CHECK(d["metadata"]["annotations"]["ivcap.io/scale-to-zero"] == "true");
  CHECK(d["metadata"]["annotations"]["ivcap.io/idle-timeout"] == "10m");
  const Json& c = main_container(d);
  CHECK(d["spec"]["template"]["spec"]["containers"].size() == 1);
  CHECK(c["ports"][0]["containerPort"] == 8080);
  CHECK(c["readinessProbe"]["httpGet"]["path"] == "/ivcap-occurrence-tiles/healthz");
  CHECK(env_value(c, "IVCAP_PROXY_URL") == emit::k8s::data_proxy_url(m));

  TempDir dir;
  auto scratch = load_scratch(
      dir, "  provider: local\n",
      {{"lazy", scratch_service("lazy", rest_controller("  scale-to-zero: true\n"
                                                        "  replicas: {min: 1, max: 3}\n"))}});
  auto lazy = apps_of(scratch, "lazy");
  CHECK(of_kind(lazy, "HorizontalPodAutoscaler").empty());
  CHECK(only(lazy, "Deployment")["metadata"]["annotations"]["ivcap.io/idle-timeout"] == "15m");
}

TEST_CASE("CONTEXT_ROOT keeps the project's `_`; object names turn it into `-`") {
  TempDir dir;
  auto m = load_scratch(
      dir,
      "  provider: local\n"
      "  project: exp_2\n",
      {{"hpc-prep", scratch_service("hpc-prep", rest_controller("  ready-url: ready\n"))}});
  auto objects = apps_of(m, "hpc-prep");
  const Json& d = only(objects, "Deployment");
  CHECK(d["metadata"]["name"] == "exp-2-hpc-prep");
  const Json& c = main_container(d);
  CHECK(env_value(c, "CONTEXT_ROOT") == "/exp_2-hpc-prep");
  CHECK(c["readinessProbe"]["httpGet"]["path"] == "/exp_2-hpc-prep/ready");
  CHECK(only(objects, "Service")["metadata"]["name"] == "exp-2-hpc-prep");
  const Json& path = only(objects, "Ingress")["spec"]["rules"][0]["http"]["paths"][0];
  CHECK(path["path"] == "/exp_2-hpc-prep");
  CHECK(path["backend"]["service"]["name"] == "exp-2-hpc-prep");
}

TEST_CASE("GPU dynamic services are scheduled on the GPU pool") {
  TempDir dir;
  auto m = load_scratch(
      dir,
      "  provider: aws\n"
      "  region: ap-southeast-2\n"
      "  domain: example.com\n"
      "  cluster:\n"
      "    nodePools:\n"
      "      - {name: system, size: m6i.xlarge}\n"
      "      - name: gpu\n"
      "        size: g4dn.xlarge\n"
      "        gpu: {type: nvidia-tesla-t4}\n"
      "        labels: {ivcap.io/accelerator: nvidia-tesla-t4}\n"
      "        taints: [{key: nvidia.com/gpu, effect: NoSchedule}]\n",
      {{"infer", scratch_service("infer", rest_controller("  gpu-type: nvidia-tesla-t4\n"
                                                          "  gpu-number: 1\n"
                                                          "  shared-memory: 1Gi\n"))}});
  const Json& d = only(apps_of(m, "infer"), "Deployment");
  const Json& pod = d["spec"]["template"]["spec"];
  CHECK(pod["nodeSelector"] == Json::parse(R"({"ivcap.io/accelerator": "nvidia-tesla-t4"})"));
  CHECK(
      pod["tolerations"] ==
      Json::parse(R"([{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}])"));
  CHECK(main_container(d)["resources"]["limits"]["nvidia.com/gpu"] == "1");
  bool shm = false;
  for (const auto& v : pod["volumes"]) {
    if (v["name"] == "ivcap-shm") shm = v["emptyDir"]["sizeLimit"] == "1Gi";
  }
  CHECK(shm);
}

TEST_CASE("30-apps holds app-server and dynamic services only, in wave 5") {
  TempDir dir;
  auto m = load_scratch(
      dir, "  provider: local\n",
      {{"proxy", scratch_service("proxy",
                                 "  $schema: urn:ivcap:schema:service.service-proxy.1\n"
                                 "  url: https://example.org/api\n")},
       {"batch", scratch_service("batch", kBasicController)},
       {"api", scratch_service("api", rest_controller())}});
  output::OutputTree tree;
  emit::emit_apps(m, tree);
  std::set<std::string> paths;
  for (const auto& [path, file] : tree.files()) {
    paths.insert(path);
    CHECK(file.wave == emit::kWaveServices);
  }
  CHECK(paths == std::set<std::string>{"k8s/30-apps/api.yaml"});

  auto shipped = load_environment("local");
  output::OutputTree shipped_tree;
  emit::emit_apps(shipped, shipped_tree);
  std::set<std::string> shipped_paths;
  for (const auto& entry : shipped_tree.files()) shipped_paths.insert(entry.first);
  CHECK(shipped_paths == std::set<std::string>{"k8s/30-apps/crew-ui.yaml",
                                               "k8s/30-apps/occurrence-tiles.yaml",
                                               "k8s/30-apps/species-lookup.yaml"});
}
