// k8s/10-runtime.yaml: the gateway, dispatcher and exit handler as
// Deployments with Services and ConfigMaps, the node data proxy as a
// DaemonSet, PodDisruptionBudgets for replicated components, restricted
// pods, resources, images, the gateway's routes and Ingress.
#include <catch2/catch.hpp>

#include <set>

#include "emit/emitters.h"
#include "emit/kubernetes/runtime.h"
#include "emit/waves.h"
#include "k8s_fixture.h"
#include "output/output_tree.h"
#include "support/digest.h"

using namespace ivcapgen;
using namespace ivcapgen::testing;

namespace {

std::vector<Json> objects_of(const std::string& environment) {
  return emit::k8s::runtime_objects(load_environment(environment));
}

const Json& get(const std::vector<Json>& objects, const std::string& kind,
                const std::string& name) {
  const Json* o = find_object(objects, kind, name);
  if (!o) throw std::runtime_error("no " + kind + "/" + name);
  return *o;
}

Json config_of(const std::vector<Json>& objects, const std::string& name) {
  return Json::parse(get(objects, "ConfigMap", name)["data"]["config.json"].get<std::string>());
}

// The pod templates of all workloads, by object name.
std::map<std::string, Json> pod_templates(const std::vector<Json>& objects) {
  std::map<std::string, Json> out;
  for (const auto& o : objects) {
    if (o["kind"] == "Deployment" || o["kind"] == "DaemonSet") {
      out[o["metadata"]["name"]] = o["spec"]["template"];
    }
  }
  return out;
}

const std::vector<std::string> kShipped = {"local", "azure-dev", "aws-prod"};

}  // namespace

TEST_CASE("gateway, dispatcher and exit handler run as Deployments with Services") {
  for (const auto& env : kShipped) {
    INFO(env);
    auto objects = objects_of(env);
    for (const std::string name : {"ivcap-gateway", "ivcap-dispatcher", "ivcap-exit-handler"}) {
      INFO(name);
      const Json& d = get(objects, "Deployment", name);
      CHECK(d["metadata"]["namespace"] == "ivcap-system");
      const Json& svc = get(objects, "Service", name);
      CHECK(svc["spec"]["type"] == "ClusterIP");
      CHECK(svc["spec"]["ports"] ==
            Json::array(
                {{{"name", "http"}, {"port", 8080}, {"targetPort", "http"}, {"protocol", "TCP"}}}));
      // The Service selects exactly the Deployment's pods.
      CHECK(svc["spec"]["selector"] == d["spec"]["selector"]["matchLabels"]);
      for (const auto& [key, value] : d["spec"]["selector"]["matchLabels"].items()) {
        CHECK(d["spec"]["template"]["metadata"]["labels"][key] == value);
      }
      CHECK(get(objects, "ConfigMap", name)["data"].contains("config.json"));
    }
  }
}

TEST_CASE("every runtime object carries the standard labels") {
  for (const auto& env : kShipped) {
    for (const auto& o : objects_of(env)) {
      INFO(env << " " << o["kind"].get<std::string>() << "/"
               << o["metadata"]["name"].get<std::string>());
      CHECK(o["metadata"]["namespace"] == "ivcap-system");
      const Json& labels = o["metadata"]["labels"];
      CHECK(labels["app.kubernetes.io/managed-by"] == "ivcapgen");
      CHECK(labels["app.kubernetes.io/part-of"] == "ivcap");
      CHECK(labels["ivcap.io/environment"] == env);
      std::set<std::string> known = {"v1", "apps/v1", "policy/v1", "networking.k8s.io/v1"};
      CHECK(known.count(o["apiVersion"]));  // no CRD objects
    }
  }
}

TEST_CASE("a PodDisruptionBudget only for components with more than one replica") {
  auto ha = objects_of("aws-prod");  // ha overlay: 3, 2, 2
  auto budgets = of_kind(ha, "PodDisruptionBudget");
  std::set<std::string> names;
  for (const auto& pdb : budgets) {
    names.insert(pdb["metadata"]["name"]);
    CHECK(pdb["spec"]["maxUnavailable"] == 1);
    CHECK(pdb["spec"]["selector"] ==
          get(ha, "Deployment", pdb["metadata"]["name"])["spec"]["selector"]);
  }
  CHECK(names == std::set<std::string>{"ivcap-gateway", "ivcap-dispatcher", "ivcap-exit-handler"});
  CHECK(get(ha, "Deployment", "ivcap-gateway")["spec"]["replicas"] == 3);
  CHECK(get(ha, "Deployment", "ivcap-dispatcher")["spec"]["replicas"] == 2);

  auto small = objects_of("azure-dev");  // small overlay: gateway 1
  CHECK(of_kind(small, "PodDisruptionBudget").empty());
  CHECK(get(small, "Deployment", "ivcap-gateway")["spec"]["replicas"] == 1);
}

TEST_CASE("the data proxy is a DaemonSet only in node mode") {
  auto node = objects_of("aws-prod");
  const Json& ds = get(node, "DaemonSet", "ivcap-data-proxy");
  const Json& container = ds["spec"]["template"]["spec"]["containers"][0];
  CHECK(container["ports"][0]["containerPort"] == 8181);
  CHECK_FALSE(container["ports"][0].contains("hostPort"));
  const Json& svc = get(node, "Service", "ivcap-data-proxy");
  CHECK(svc["spec"]["internalTrafficPolicy"] == "Local");
  CHECK(svc["spec"]["ports"][0]["port"] == 8181);
  CHECK(of_kind(node, "Deployment").size() == 3);
  // GPU service pods need their node's proxy: the GPU pool's taint is tolerated.
  CHECK(ds["spec"]["template"]["spec"]["tolerations"] == Json::array({{{"key", "nvidia.com/gpu"},
                                                                       {"operator", "Equal"},
                                                                       {"value", "present"},
                                                                       {"effect", "NoSchedule"}}}));
  // The proxy owns the store; the gateway forwards to it.
  CHECK(config_of(node, "ivcap-data-proxy")["artifactStore"]["type"] == "s3");
  Json gateway = config_of(node, "ivcap-gateway");
  CHECK_FALSE(gateway.contains("artifactStore"));
  CHECK(gateway["dataProxy"]["url"] == "http://ivcap-data-proxy.ivcap-system.svc:8181");

  for (const std::string env : {"local", "azure-dev"}) {
    auto sidecar = objects_of(env);
    INFO(env);
    CHECK(of_kind(sidecar, "DaemonSet").empty());
    CHECK_FALSE(find_object(sidecar, "ConfigMap", "ivcap-data-proxy"));
    CHECK_FALSE(find_object(sidecar, "Service", "ivcap-data-proxy"));
    // The gateway is the sidecars' upstream and owns the store.
    Json config = config_of(sidecar, "ivcap-gateway");
    CHECK(config["dataProxy"]["mode"] == "sidecar");
    CHECK(config.contains("artifactStore"));
  }
}

TEST_CASE("runtime pods are restricted, read-only and probed on /healthz") {
  for (const auto& env : kShipped) {
    for (const auto& [name, tpl] : pod_templates(objects_of(env))) {
      INFO(env << " " << name);
      const Json& pod = tpl["spec"];
      CHECK(pod["serviceAccountName"] == name);
      CHECK(pod["automountServiceAccountToken"] == (name == "ivcap-dispatcher"));
      CHECK(pod["securityContext"]["runAsNonRoot"] == true);
      CHECK(pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault");
      REQUIRE(pod["containers"].size() == 1);
      const Json& c = pod["containers"][0];
      CHECK(c["securityContext"]["allowPrivilegeEscalation"] == false);
      CHECK(c["securityContext"]["readOnlyRootFilesystem"] == true);
      CHECK(c["securityContext"]["capabilities"]["drop"] == Json::array({"ALL"}));
      CHECK(c["readinessProbe"]["httpGet"]["path"] == "/healthz");
      CHECK(c["livenessProbe"]["httpGet"]["path"] == "/healthz");
      bool tmp_mounted = false;
      for (const auto& mount : c["volumeMounts"]) tmp_mounted |= mount["mountPath"] == "/tmp";
      CHECK(tmp_mounted);
      CHECK(pod["volumes"][1] == Json{{"name", "tmp"}, {"emptyDir", Json::object()}});
      // A config change rolls the pods.
      std::string config = get(objects_of(env), "ConfigMap", name)["data"]["config.json"];
      CHECK(tpl["metadata"]["annotations"]["ivcap.io/config-sha256"] ==
            support::sha256_hex(config));
    }
  }
}

TEST_CASE("images and pull policy come from runtime.image") {
  auto objects = objects_of("aws-prod");
  auto pods = pod_templates(objects);
  const Json& gw = pods.at("ivcap-gateway")["spec"]["containers"][0];
  CHECK(gw["image"] == "ghcr.io/ivcap-works/ivcap-gateway:1.4.2");
  CHECK(gw["imagePullPolicy"] == "IfNotPresent");
  CHECK(pods.at("ivcap-exit-handler")["spec"]["containers"][0]["image"] ==
        "ghcr.io/ivcap-works/ivcap-exit-handler:1.4.2");
  CHECK(pods.at("ivcap-data-proxy")["spec"]["containers"][0]["image"] ==
        "ghcr.io/ivcap-works/ivcap-data-proxy:1.4.2");
}

TEST_CASE("resources default to 100m/128Mi requests and 500m/512Mi limits") {
  auto pods = pod_templates(objects_of("azure-dev"));
  CHECK(pods.at("ivcap-dispatcher")["spec"]["containers"][0]["resources"] ==
        Json{{"limits", {{"cpu", "500m"}, {"memory", "512Mi"}}},
             {"requests", {{"cpu", "100m"}, {"memory", "128Mi"}}}});

  TempDir dir;
  auto m = load_scratch(dir,
                        "  provider: local\n"
                        "  runtime:\n"
                        "    image: {registry: registry.example.org/ivcap, tag: \"2.0.0\",\n"
                        "            pullPolicy: Always}\n"
                        "    gateway: {replicas: 2, resources: {limits: {memory: 1Gi}}}\n"
                        "    dataProxy: {mode: node, resources: {requests: {cpu: 250m}}}\n");
  auto objects = emit::k8s::runtime_objects(m);
  auto scratch = pod_templates(objects);
  const Json& gw = scratch.at("ivcap-gateway")["spec"]["containers"][0];
  CHECK(gw["resources"] == Json{{"limits", {{"cpu", "500m"}, {"memory", "1Gi"}}},
                                {"requests", {{"cpu", "100m"}, {"memory", "128Mi"}}}});
  CHECK(gw["image"] == "registry.example.org/ivcap/ivcap-gateway:2.0.0");
  CHECK(gw["imagePullPolicy"] == "Always");
  CHECK(scratch.at("ivcap-data-proxy")["spec"]["containers"][0]["resources"]["requests"]["cpu"] ==
        "250m");
  CHECK(find_object(objects, "PodDisruptionBudget", "ivcap-gateway"));
  CHECK_FALSE(find_object(objects, "PodDisruptionBudget", "ivcap-dispatcher"));
  // Replicated pods spread over nodes; a single one does not need to.
  CHECK(scratch.at("ivcap-gateway")["spec"].contains("topologySpreadConstraints"));
  CHECK_FALSE(scratch.at("ivcap-dispatcher")["spec"].contains("topologySpreadConstraints"));
}

TEST_CASE("the gateway routes app-server hosts") {
  Json config = config_of(objects_of("azure-dev"), "ivcap-gateway");
  CHECK(config["routes"] ==
        Json::array({{{"host", "crewai.dev.example.org"},
                      {"artifact", "urn:ivcap:artifact:0f3c2a1e-5b7d-4e8a-9c6f-2d1b0a9e8f71"},
                      {"notFound", "index.html"}}}));
  CHECK(config["catalog"]["store"] == "gateway");
  CHECK(config["apiHost"] == "api.dev.example.org");

  TempDir dir;
  auto app = [](const std::string& host, const std::string& extra) {
    return "  $schema: urn:ivcap:schema:service.app-server.1\n  host: " + host +
           "\n  artifact: urn:ivcap:artifact:0f3c2a1e-5b7d-4e8a-9c6f-2d1b0a9e8f71\n" + extra;
  };
  auto m =
      load_scratch(dir, "  provider: local\n",
                   {{"site-a", scratch_service("site-a", app("sites.example.net", ""))},
                    {"site-b", scratch_service("site-b", app("docs", "  \"404\": 404.html\n"))},
                    {"batch", scratch_service("batch", kBasicController)}});
  Json routes = config_of(emit::k8s::runtime_objects(m), "ivcap-gateway")["routes"];
  REQUIRE(routes.size() == 2);
  CHECK(routes[0]["host"] == "sites.example.net");  // a full name is kept
  CHECK_FALSE(routes[0].contains("notFound"));
  CHECK(routes[1]["host"] == "docs.localhost");  // a label gets the domain
  CHECK(routes[1]["notFound"] == "404.html");
}

TEST_CASE("the dispatcher and exit handler know where everything is") {
  auto objects = objects_of("aws-prod");
  Json dispatcher = config_of(objects, "ivcap-dispatcher");
  CHECK(dispatcher["servicesNamespace"] == "ivcap-services");
  CHECK(dispatcher["workflowServiceAccount"] == "ivcap-workflow");
  CHECK(dispatcher["exitHandlerUrl"] == "http://ivcap-exit-handler.ivcap-system.svc:8080");
  CHECK(dispatcher["dataProxy"]["mode"] == "node");
  CHECK(config_of(objects_of("azure-dev"), "ivcap-dispatcher")["dataProxy"]["mode"] == "sidecar");
  Json exit_handler = config_of(objects, "ivcap-exit-handler");
  CHECK(exit_handler["gatewayUrl"] == "http://ivcap-gateway.ivcap-system.svc:8080");
}

TEST_CASE("the store owner gets MinIO keys by reference or the cloud identity") {
  auto local = pod_templates(objects_of("local"));
  const Json& env = local.at("ivcap-gateway")["spec"]["containers"][0]["env"];
  REQUIRE(env.size() == 2);
  CHECK(env[0]["valueFrom"]["secretKeyRef"]["name"] == "minio");
  CHECK_FALSE(env[0].contains("value"));
  auto azure = pod_templates(objects_of("azure-dev"));
  CHECK(azure.at("ivcap-gateway")["metadata"]["labels"]["azure.workload.identity/use"] == "true");
  CHECK_FALSE(
      azure.at("ivcap-dispatcher")["metadata"]["labels"].contains("azure.workload.identity/use"));
  CHECK_FALSE(
      azure.at("ivcap-gateway")["spec"]["containers"][0].contains("env"));  // no keys in clouds
}

TEST_CASE("the gateway Ingress serves api.<domain> with a cert-manager certificate") {
  auto objects = objects_of("aws-prod");
  const Json& ing = get(objects, "Ingress", "ivcap-gateway");
  CHECK(ing["metadata"]["annotations"]["cert-manager.io/cluster-issuer"] == "letsencrypt");
  CHECK(ing["spec"]["ingressClassName"] == "nginx");
  CHECK(ing["spec"]["tls"] == Json::array({{{"hosts", Json::array({"api.ivcap.example.com"})},
                                            {"secretName", "ivcap-gateway-tls"}}}));
  const Json& rule = ing["spec"]["rules"][0];
  CHECK(rule["host"] == "api.ivcap.example.com");
  CHECK(rule["http"]["paths"][0]["backend"]["service"] ==
        Json{{"name", "ivcap-gateway"}, {"port", {{"name", "http"}}}});
  // No public CA signs localhost names: plain HTTP there.
  auto local_objects = objects_of("local");
  const Json& local = get(local_objects, "Ingress", "ivcap-gateway");
  CHECK_FALSE(local["spec"].contains("tls"));
  CHECK_FALSE(local["metadata"]["annotations"].contains("cert-manager.io/cluster-issuer"));
  CHECK(local["spec"]["rules"][0]["host"] == "api.localhost");
}

TEST_CASE("the emitter writes 10-runtime.yaml in wave 4") {
  auto m = load_environment("aws-prod");
  output::OutputTree tree;
  emit::emit_runtime(m, tree);
  const auto* file = tree.find("k8s/10-runtime.yaml");
  REQUIRE(file);
  CHECK(file->wave == emit::kWaveRuntime);
  CHECK(file->objects.size() == emit::k8s::runtime_objects(m).size());
  output::OutputTree again;
  emit::emit_runtime(m, again);
  CHECK(again.find("k8s/10-runtime.yaml")->content == file->content);
}
