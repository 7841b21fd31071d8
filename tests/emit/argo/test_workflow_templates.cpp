// k8s/20-workflowtemplates/<service>.yaml: one WorkflowTemplate per basic
// and Argo service — parameters as arguments and their wiring (seed 002),
// resources, GPUs and /dev/shm of basic services, the exit handler and a
// user's onExit composed in front of it, the data proxy in sidecar and node
// mode, and the labels and annotations.
#include <catch2/catch.hpp>

#include <set>

#include "emit/argo/workflow_templates.h"
#include "emit/emitters.h"
#include "emit/kubernetes/k8s_fixture.h"
#include "emit/kubernetes/objects.h"
#include "emit/waves.h"
#include "output/output_tree.h"

using namespace ivcapgen;
using namespace ivcapgen::testing;

namespace {

const model::Service& service(const model::Model& m, const std::string& name) {
  const model::Service* s = m.find_service(name);
  if (!s) throw std::runtime_error("no service " + name);
  return *s;
}

Json workflow_template(const model::Model& m, const std::string& name) {
  auto objects = emit::workflows::workflow_template_objects(m, service(m, name));
  auto wts = of_kind(objects, "WorkflowTemplate");
  if (wts.size() != 1) throw std::runtime_error("expected one WorkflowTemplate");
  return wts[0];
}

const Json& template_named(const Json& wt, const std::string& name) {
  for (const auto& t : wt["spec"]["templates"]) {
    if (t["name"] == name) return t;
  }
  throw std::runtime_error("no template " + name);
}

const Json* env_var(const Json& container, const std::string& name) {
  if (!container.contains("env")) return nullptr;
  for (const auto& e : container["env"]) {
    if (e["name"] == name) return &e;
  }
  return nullptr;
}

std::set<std::string> template_names(const Json& wt) {
  std::set<std::string> out;
  for (const auto& t : wt["spec"]["templates"]) out.insert(t["name"].get<std::string>());
  return out;
}

const std::string kArgoSchema = "  $schema: urn:ivcap:schema:service.argo-wf.1\n";
const std::string kMessageParameter =
    "parameters:\n  - {name: message, type: string, description: what to say}\n";

}  // namespace

TEST_CASE("seed 002: task1's input `message` is wired at first-task") {
  auto m = load_environment("local");
  Json wt = workflow_template(m, "hello-dag");
  CHECK(wt["apiVersion"] == "argoproj.io/v1alpha1");
  CHECK(wt["metadata"]["name"] == "ivcap-hello-dag");
  CHECK(wt["metadata"]["namespace"] == "ivcap-services");
  const Json& spec = wt["spec"];
  CHECK(spec["entrypoint"] == "main-workflow");

  // The service parameter is a workflow argument without a value: an order
  // must supply it.
  REQUIRE(spec["arguments"]["parameters"].size() == 1);
  const Json& message = spec["arguments"]["parameters"][0];
  CHECK(message["name"] == "message");
  CHECK_FALSE(message.contains("value"));

  const Json& tasks = template_named(wt, "main-workflow")["dag"]["tasks"];
  REQUIRE(tasks.size() == 2);
  CHECK(tasks[0]["name"] == "first-task");
  CHECK(tasks[0]["arguments"]["parameters"] ==
        Json::parse(R"([{"name":"message","value":"{{workflow.parameters.message}}"}])"));
  CHECK(tasks[1]["name"] == "second-task");
  CHECK_FALSE(tasks[1].contains("arguments"));  // task2 has no inputs
  CHECK(tasks[1]["dependencies"] == Json::array({"first-task"}));
  // The user's container is kept as written.
  const Json& task1 = template_named(wt, "task1")["container"];
  CHECK(task1["image"] == "alpine:3.7");
  CHECK(task1["args"] == Json::array({"echo '{{inputs.parameters.message}}'"}));
}

TEST_CASE("a step or task that passes the input itself is not rewired") {
  TempDir dir;
  auto m = load_scratch(
      dir, "  provider: local\n",
      {{"steps",
        scratch_service("steps",
                        kArgoSchema + "  entrypoint: main\n"
                                      "  templates:\n"
                                      "    - name: main\n"
                                      "      steps:\n"
                                      "        - - {name: a, template: say}\n"
                                      "        - - name: b\n"
                                      "            template: say\n"
                                      "            arguments:\n"
                                      "              parameters: [{name: message, value: hi}]\n"
                                      "    - name: say\n"
                                      "      inputs: {parameters: [{name: message}]}\n"
                                      "      container: {image: alpine:3.20}\n",
                        kMessageParameter)}});
  Json wt = workflow_template(m, "steps");
  const Json& steps = template_named(wt, "main")["steps"];
  CHECK(steps[0][0]["arguments"]["parameters"] ==
        Json::parse(R"([{"name":"message","value":"{{workflow.parameters.message}}"}])"));
  CHECK(steps[1][0]["arguments"]["parameters"] ==
        Json::parse(R"([{"name":"message","value":"hi"}])"));
}

TEST_CASE("service parameters become arguments: defaults, optional, option enums") {
  auto m = load_environment("aws-prod");
  Json params = workflow_template(m, "reef-segmenter")["spec"]["arguments"]["parameters"];
  REQUIRE(params.size() == 2);
  CHECK(params[0]["name"] == "images");
  CHECK_FALSE(params[0].contains("value"));
  CHECK(params[1]["name"] == "model");
  CHECK(params[1]["value"] == "accurate");
  CHECK(params[1]["enum"] == Json::array({"fast", "accurate"}));

  Json gbif = workflow_template(m, "gbif-ingest")["spec"]["arguments"]["parameters"];
  REQUIRE(gbif.size() == 2);
  CHECK(gbif[1]["name"] == "limit");
  CHECK(gbif[1]["value"] == "10000");

  Json classifier = workflow_template(m, "image-classifier")["spec"]["arguments"]["parameters"];
  CHECK(classifier[1]["name"] == "threshold");
  CHECK(classifier[1]["value"] == "0.5");
}

TEST_CASE("a user's workflow arguments merge with the service parameters") {
  TempDir dir;
  auto m = load_scratch(
      dir, "  provider: local\n",
      {{"args", scratch_service("args",
                                kArgoSchema + "  entrypoint: main\n"
                                              "  arguments:\n"
                                              "    parameters:\n"
                                              "      - {name: message, value: hello}\n"
                                              "      - {name: extra, value: '1'}\n"
                                              "  templates:\n"
                                              "    - name: main\n"
                                              "      container: {image: alpine:3.20}\n",
                                kMessageParameter)}});
  Json params = workflow_template(m, "args")["spec"]["arguments"]["parameters"];
  CHECK(params == Json::parse(R"([
    {"name": "message", "description": "what to say", "value": "hello"},
    {"name": "extra", "value": "1"}])"));
}

TEST_CASE("basic services: the main container, its resources and the defaults") {
  auto m = load_environment("local");
  Json wt = workflow_template(m, "image-classifier");
  CHECK(wt["spec"]["entrypoint"] == "main");
  const Json& c = template_named(wt, "main")["container"];
  CHECK(c["image"] == "registry.example.org/cv/cv-pipeline-v0:4937747");
  CHECK(c["command"] == Json::array({"python", "/app/service.py"}));
  CHECK(c["resources"] == Json::parse(R"({
    "limits": {"cpu": "2", "memory": "2Gi", "ephemeral-storage": "4Gi"},
    "requests": {"cpu": "500m", "memory": "1Gi", "ephemeral-storage": "1Gi"}})"));

  // Missing amounts come from resources.defaults, bounded by what is given.
  TempDir dir;
  auto scratch = load_scratch(
      dir,
      "  provider: local\n"
      "  resources: {defaults: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: '1', "
      "memory: 1Gi}}}\n",
      {{"partial", scratch_service("partial", kBasicController + "  cpu: {request: '2'}\n"
                                                                 "  memory: {limit: 128Mi}\n")},
       {"bare", scratch_service("bare", kBasicController)},
       {"k8s-form",
        scratch_service(
            "k8s-form",
            kBasicController + "  resources: {requests: {cpu: 100m}, limits: {memory: 2Gi}}\n")}});
  CHECK(template_named(workflow_template(scratch, "partial"), "main")["container"]["resources"] ==
        Json::parse(R"({"limits": {"cpu": "2", "memory": "128Mi"},
                        "requests": {"cpu": "2", "memory": "128Mi"}})"));
  CHECK(template_named(workflow_template(scratch, "bare"), "main")["container"]["resources"] ==
        Json::parse(R"({"limits": {"cpu": "1", "memory": "1Gi"},
                        "requests": {"cpu": "250m", "memory": "256Mi"}})"));
  CHECK(template_named(workflow_template(scratch, "k8s-form"), "main")["container"]["resources"] ==
        Json::parse(R"({"limits": {"cpu": "1", "memory": "2Gi"},
                        "requests": {"cpu": "100m", "memory": "256Mi"}})"));
}

TEST_CASE("GPU services get the GPU, the pool's selector and tolerations, and /dev/shm") {
  auto m = load_environment("aws-prod");
  Json wt = workflow_template(m, "reef-segmenter");
  const Json& main = template_named(wt, "main");
  CHECK(main["container"]["resources"]["limits"]["nvidia.com/gpu"] == "1");
  CHECK(main["nodeSelector"] == Json::parse(R"({"ivcap.io/accelerator": "nvidia-tesla-t4"})"));
  CHECK(main["tolerations"] == Json::parse(R"([{"key": "nvidia.com/gpu", "operator": "Equal",
                                                "value": "present", "effect": "NoSchedule"}])"));
  bool shm_mounted = false;
  for (const auto& mount : main["container"]["volumeMounts"]) {
    if (mount["mountPath"] == "/dev/shm") shm_mounted = mount["name"] == "ivcap-shm";
  }
  CHECK(shm_mounted);
  bool shm_volume = false;
  for (const auto& v : wt["spec"]["volumes"]) {
    if (v["name"] == "ivcap-shm") {
      shm_volume = v["emptyDir"] == Json::parse(R"({"medium": "Memory", "sizeLimit": "2Gi"})");
    }
  }
  CHECK(shm_volume);

  // Services without GPUs are not tied to a pool.
  const Json classifier_wt = workflow_template(m, "image-classifier");
  const Json& classifier = template_named(classifier_wt, "main");
  CHECK_FALSE(classifier.contains("nodeSelector"));
  CHECK_FALSE(classifier.contains("tolerations"));
  CHECK_FALSE(classifier["container"]["resources"]["limits"].contains("nvidia.com/gpu"));
}

TEST_CASE("every WorkflowTemplate reports to ivcapgen's exit handler") {
  for (const std::string env : {"local", "azure-dev", "aws-prod"}) {
    auto m = load_environment(env);
    for (const auto& s : m.services) {
      if (!emit::workflows::runs_as_workflow(s)) continue;
      INFO(env << " " << s.name());
      Json wt = workflow_template(m, s.name());
      CHECK(wt["spec"]["onExit"] == "ivcap-exit-handler");
      const Json& handler = template_named(wt, "ivcap-exit-handler");
      const Json& c = handler["container"];
      std::string url = c["args"].back();
      CHECK(url == emit::k8s::exit_handler_url(m) +
                       "/1/orders/{{workflow.annotations.ivcap.io/order-id}}/exit");
      std::string body = c["args"][c["args"].size() - 2];
      Json report = Json::parse(body);
      CHECK(report["service"] == s.id);
      CHECK(report["status"] == "{{=sprig.lower(workflow.status)}}");
      // It needs neither the data proxy nor IVCAP_* (SPEC 2.5).
      CHECK_FALSE(c.contains("env"));
      CHECK_FALSE(handler.contains("sidecars"));
      CHECK(c["securityContext"]["allowPrivilegeEscalation"] == false);
      CHECK(c["resources"].contains("limits"));
    }
  }
}

TEST_CASE("a user's onExit runs first, then ivcapgen's exit handler whatever it returned") {
  TempDir dir;
  auto m = load_scratch(
      dir, "  provider: local\n",
      {{"cleanup", scratch_service("cleanup",
                                   kArgoSchema + "  entrypoint: main\n"
                                                 "  onExit: tidy\n"
                                                 "  templates:\n"
                                                 "    - name: main\n"
                                                 "      container: {image: alpine:3.20}\n"
                                                 "    - name: tidy\n"
                                                 "      inputs: {parameters: [{name: message}]}\n"
                                                 "      container: {image: alpine:3.20}\n",
                                   kMessageParameter)}});
  Json wt = workflow_template(m, "cleanup");
  CHECK(wt["spec"]["onExit"] == "ivcap-on-exit");
  CHECK(template_names(wt) ==
        std::set<std::string>{"main", "tidy", "ivcap-on-exit", "ivcap-exit-handler"});
  const Json& steps = template_named(wt, "ivcap-on-exit")["steps"];
  CHECK(steps == Json::parse(R"([
    [{"name": "on-exit", "template": "tidy",
      "arguments": {"parameters": [{"name": "message", "value": "{{workflow.parameters.message}}"}]},
      "continueOn": {"failed": true, "error": true}}],
    [{"name": "ivcap-exit-handler", "template": "ivcap-exit-handler"}]])"));
}

TEST_CASE("an `exit` hook is the user's exit handler too; other hooks are kept and wired") {
  TempDir dir;
  auto m = load_scratch(
      dir, "  provider: local\n",
      {{"hooked", scratch_service("hooked",
                                  kArgoSchema + "  entrypoint: main\n"
                                                "  hooks:\n"
                                                "    exit: {template: tidy}\n"
                                                "    running:\n"
                                                "      expression: workflow.status == \"Running\"\n"
                                                "      template: tidy\n"
                                                "  templates:\n"
                                                "    - name: main\n"
                                                "      container: {image: alpine:3.20}\n"
                                                "    - name: tidy\n"
                                                "      inputs: {parameters: [{name: message}]}\n"
                                                "      container: {image: alpine:3.20}\n",
                                  kMessageParameter)}});
  Json wt = workflow_template(m, "hooked");
  const Json& spec = wt["spec"];
  CHECK(spec["onExit"] == "ivcap-on-exit");
  // Argo ignores an exit hook once onExit is set: it is composed instead.
  CHECK_FALSE(spec["hooks"].contains("exit"));
  CHECK(spec["hooks"]["running"]["template"] == "tidy");
  CHECK(spec["hooks"]["running"]["arguments"]["parameters"][0]["value"] ==
        "{{workflow.parameters.message}}");
  CHECK(template_named(wt, "ivcap-on-exit")["steps"][0][0]["template"] == "tidy");
}

TEST_CASE("sidecar mode: every pod template carries the data proxy sidecar") {
  auto m = load_environment("azure-dev");
  auto objects = emit::workflows::workflow_template_objects(m, service(m, "hello-dag"));
  REQUIRE(objects.size() == 2);
  const Json& config = objects[0];
  CHECK(config["kind"] == "ConfigMap");
  CHECK(config["metadata"]["name"] == "ivcap-hello-dag-data-proxy");
  Json proxy = Json::parse(config["data"]["config.json"].get<std::string>());
  CHECK(proxy["listen"] == "127.0.0.1:8181");
  CHECK(proxy["gatewayUrl"] == emit::k8s::gateway_url(m));

  Json wt = objects[1];
  for (const std::string name : {"task1", "task2"}) {
    INFO(name);
    const Json& t = template_named(wt, name);
    REQUIRE(t["sidecars"].size() == 1);
    const Json& sidecar = t["sidecars"][0];
    CHECK(sidecar["name"] == "ivcap-data-proxy");
    CHECK(sidecar["image"] == "ghcr.io/ivcap-works/ivcap-data-proxy:1.4.2");
    CHECK(sidecar["securityContext"]["runAsNonRoot"] == true);
    CHECK(sidecar["resources"]["limits"]["memory"] == "128Mi");
    const Json& c = t["container"];
    CHECK((*env_var(c, "IVCAP_PROXY_URL"))["value"] == "http://127.0.0.1:8181");
    CHECK((*env_var(c, "IVCAP_BASE_URL"))["value"] == emit::k8s::gateway_url(m));
    CHECK((*env_var(c, "IVCAP_RESULT_PATH"))["value"] == "/ivcap/results");
    CHECK((*env_var(c, "IVCAP_ORDER_ID"))["value"] == "{{workflow.annotations.ivcap.io/order-id}}");
    CHECK((*env_var(c, "IVCAP_SERVICE_ID"))["value"] == service(m, "hello-dag").id);
    CHECK(env_var(c, "IVCAP_NODE_IP") == nullptr);
  }
  // The DAG template runs no pod of its own.
  CHECK_FALSE(template_named(wt, "main-workflow").contains("sidecars"));
  bool config_volume = false;
  for (const auto& v : wt["spec"]["volumes"]) {
    if (v.contains("configMap"))
      config_volume = v["configMap"]["name"] == "ivcap-hello-dag-data-proxy";
  }
  CHECK(config_volume);
}

TEST_CASE("node mode: no sidecar, the node-local proxy Service") {
  auto m = load_environment("aws-prod");
  auto objects = emit::workflows::workflow_template_objects(m, service(m, "hello-dag"));
  REQUIRE(objects.size() == 1);  // no sidecar ConfigMap
  const Json& t = template_named(objects[0], "task1");
  CHECK_FALSE(t.contains("sidecars"));
  const Json& c = t["container"];
  CHECK(env_var(c, "IVCAP_NODE_IP") == nullptr);  // the Service routes node-locally
  CHECK((*env_var(c, "IVCAP_PROXY_URL"))["value"] == emit::k8s::data_proxy_url(m));
  for (const auto& v : objects[0]["spec"]["volumes"]) CHECK_FALSE(v.contains("configMap"));
}

TEST_CASE("user security contexts and resources are kept; the gaps get restricted defaults") {
  TempDir dir;
  auto m = load_scratch(
      dir, "  provider: local\n",
      {{"secure",
        scratch_service("secure", kArgoSchema + "  entrypoint: main\n"
                                                "  templateDefaults:\n"
                                                "    script: {resources: {limits: {memory: 3Gi}}}\n"
                                                "  templates:\n"
                                                "    - name: main\n"
                                                "      securityContext: {runAsUser: 1000}\n"
                                                "      script:\n"
                                                "        image: python:3.12\n"
                                                "        source: print(1)\n"
                                                "        env: [{name: MODE, value: fast}]\n"
                                                "        securityContext:\n"
                                                "          runAsUser: 1000\n"
                                                "          readOnlyRootFilesystem: false\n"
                                                "          capabilities: {drop: [NET_RAW]}\n"
                                                "        resources: {requests: {cpu: 300m}}\n")}});
  Json wt = workflow_template(m, "secure");
  const Json& t = template_named(wt, "main");
  const Json& sc = t["script"]["securityContext"];
  CHECK(sc["runAsUser"] == 1000);
  CHECK(sc["readOnlyRootFilesystem"] == false);
  CHECK(sc["allowPrivilegeEscalation"] == false);
  CHECK(sc["runAsNonRoot"] == true);
  CHECK(sc["seccompProfile"]["type"] == "RuntimeDefault");
  CHECK(sc["capabilities"]["drop"] == Json::array({"NET_RAW", "ALL"}));
  // The template's pod context replaces the workflow's in Argo: completed.
  CHECK(t["securityContext"]["runAsUser"] == 1000);
  CHECK(t["securityContext"]["runAsNonRoot"] == true);
  CHECK(t["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault");
  // templateDefaults count as written; the environment fills the rest.
  CHECK(t["script"]["resources"] == Json::parse(R"({
    "limits": {"cpu": "1", "memory": "3Gi"}, "requests": {"cpu": "300m", "memory": "256Mi"}})"));
  // The user's env follows IVCAP_*.
  CHECK(t["script"]["env"][0]["name"] == "IVCAP_SERVICE_ID");
  CHECK(t["script"]["env"].back() == Json::parse(R"({"name": "MODE", "value": "fast"})"));

  const Json& spec = wt["spec"];
  CHECK(spec["serviceAccountName"] == "ivcap-workflow");
  CHECK(spec["securityContext"]["runAsNonRoot"] == true);
  CHECK(spec["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault");
  CHECK(spec["securityContext"].contains("fsGroup"));
}

TEST_CASE("WorkflowTemplate labels and annotations: ivcapgen's, the service's, the SDK's") {
  auto m = load_environment("local");
  Json wt = workflow_template(m, "gbif-ingest");
  const Json& labels = wt["metadata"]["labels"];
  CHECK(labels["app.kubernetes.io/managed-by"] == "ivcapgen");
  CHECK(labels["app.kubernetes.io/part-of"] == "ivcap");
  CHECK(labels["ivcap.io/environment"] == "local");
  CHECK(labels["ivcap.io/service"] == "gbif-ingest");
  CHECK(labels["team"] == "biodiversity");  // from the SDK form's metadata
  const auto& s = service(m, "gbif-ingest");
  CHECK(wt["metadata"]["annotations"]["ivcap.io/service-id"] == s.id);
  CHECK(wt["metadata"]["annotations"]["ivcap.io/description-sha256"] == s.description_hash);
  // The pods carry the label the service's NetworkPolicy selects.
  CHECK(wt["spec"]["podMetadata"]["labels"]["ivcap.io/service"] == "gbif-ingest");
  CHECK(wt["spec"]["activeDeadlineSeconds"] == 3600);
  // The SDK form's steps call `download` without its inputs: wired.
  const Json& step = template_named(wt, "ingest")["steps"][0][0];
  CHECK(step["arguments"]["parameters"] == Json::parse(R"([
    {"name": "query", "value": "{{workflow.parameters.query}}"},
    {"name": "limit", "value": "{{workflow.parameters.limit}}"}])"));

  TempDir dir;
  auto scratch = load_scratch(
      dir, "  provider: local\n",
      {{"sdk",
        scratch_service("sdk",
                        "  $schema: urn:ivcap:schema.service.argo.1\n"
                        "  workflow:\n"
                        "    metadata:\n"
                        "      labels: {app.kubernetes.io/managed-by: someone-else, tier: '2'}\n"
                        "      annotations: {ivcap.io/service-id: forged, note: kept}\n"
                        "    spec:\n"
                        "      entrypoint: main\n"
                        "      templates:\n"
                        "        - name: main\n"
                        "          container: {image: alpine:3.20}\n")}});
  Json sdk = workflow_template(scratch, "sdk");
  CHECK(sdk["metadata"]["labels"]["app.kubernetes.io/managed-by"] == "ivcapgen");
  CHECK(sdk["metadata"]["labels"]["tier"] == "2");
  CHECK(sdk["metadata"]["annotations"]["ivcap.io/service-id"] == service(scratch, "sdk").id);
  CHECK(sdk["metadata"]["annotations"]["note"] == "kept");
}

TEST_CASE("only workflow services get a file in 20-workflowtemplates, in wave 5") {
  auto m = load_environment("aws-prod");
  output::OutputTree tree;
  emit::emit_workflow_templates(m, tree);
  std::set<std::string> paths;
  for (const auto& [path, file] : tree.files()) {
    paths.insert(path);
    CHECK(file.wave == emit::kWaveServices);
  }
  CHECK(paths == std::set<std::string>{"k8s/20-workflowtemplates/gbif-ingest.yaml",
                                       "k8s/20-workflowtemplates/hello-dag.yaml",
                                       "k8s/20-workflowtemplates/image-classifier.yaml",
                                       "k8s/20-workflowtemplates/reef-segmenter.yaml",
                                       "k8s/20-workflowtemplates/text-stats.yaml"});
  const auto* file = tree.find("k8s/20-workflowtemplates/hello-dag.yaml");
  REQUIRE(file);
  REQUIRE(file->objects.size() == 1);
  CHECK(file->objects[0].kind == "WorkflowTemplate");
  CHECK(file->objects[0].name == "ivcap-hello-dag");

  output::OutputTree again;
  emit::emit_workflow_templates(load_environment("aws-prod"), again);
  for (const auto& [path, f] : tree.files()) CHECK(again.find(path)->content == f.content);
}
