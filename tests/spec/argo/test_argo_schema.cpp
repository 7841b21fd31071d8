#include "spec/argo/argo_schema.h"

#include <spawn.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <sstream>

#include "spec/yaml_reader.h"
#include "support/test_env.h"

extern char** environ;

namespace {

using ivcapgen::diag::Diagnostic;
using ivcapgen::diag::DiagnosticSink;
using ivcapgen::spec::SourceNode;
namespace argo = ivcapgen::spec::argo;

SourceNode parse(const std::string& text) {
  DiagnosticSink sink;
  auto file = std::make_shared<ivcapgen::diag::SourceFile>("t.yaml", text);
  auto docs = ivcapgen::spec::read_yaml(file, sink);
  REQUIRE_FALSE(sink.has_errors());
  REQUIRE(docs.size() == 1);
  return docs[0];
}

// Checks `text` as `type`; returns the diagnostics.
std::vector<Diagnostic> check(const std::string& text, std::string_view type = argo::kTemplate) {
  DiagnosticSink sink;
  bool ok = argo::check(parse(text), type, sink);
  CHECK(ok == !sink.has_errors());
  return sink.all();
}

const Diagnostic* find_message(const std::vector<Diagnostic>& ds, std::string_view part) {
  for (const auto& d : ds) {
    if (d.message.find(part) != std::string::npos) return &d;
  }
  return nullptr;
}

std::string messages(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += d.location.to_string() + ": " + d.message + "\n";
  return out;
}

// The multi-node DAG workflow of seed 002 (ADR 6), as IVCAP users write it.
const char* const kSeed002Templates = R"({
  "templates": [
    {
      "name": "main-workflow",
      "dag": {
        "tasks": [
          {
            "name": "first-task",
            "template": "task1"
          },
          {
            "name": "second-task",
            "dependencies": ["first-task"],
            "template": "task2"
          }
        ]
      }
    },
    {
      "name": "task1",
      "inputs": {
        "parameters": [
          {
            "name": "message"
          }
        ]
      },
      "container": {
        "image": "alpine:3.7",
        "command": ["sh", "-c"],
        "args": ["echo '{{inputs.parameters.message}}'"]
      }
    },
    {
      "name": "task2",
      "container": {
        "image": "alpine:3.7",
        "command": ["sh", "-c"],
        "args": ["echo Hello from task 2!"]
      }
    }
  ]
})";

}  // namespace

TEST_CASE("argo: the seed 002 DAG templates pass", "[argo]") {
  SourceNode doc = parse(kSeed002Templates);
  const SourceNode* templates = doc.find("templates");
  REQUIRE(templates);
  REQUIRE(templates->items.size() == 3);
  for (const auto& t : templates->items) {
    DiagnosticSink sink;
    CHECK(argo::check(t, argo::kTemplate, sink, "controller.templates"));
    INFO(messages(sink.all()));
    CHECK(sink.all().empty());
  }
  // The same templates as a workflow spec with an entrypoint.
  SourceNode spec = doc;
  spec.set("entrypoint", SourceNode::scalar("main-workflow"));
  DiagnosticSink sink;
  CHECK(argo::check(spec, argo::kWorkflowSpec, sink));
  INFO(messages(sink.all()));
  CHECK(sink.all().empty());
}

TEST_CASE("argo: a misspelled DAG task field is reported at its key with did-you-mean", "[argo]") {
  auto ds = check(R"(name: main
dag:
  tasks:
    - name: first
      template: task1
    - name: second
      dependancies: [first]
      template: task2
)");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.line == 7);
  CHECK(ds[0].location.column == 7);
  CHECK(ds[0].location.length == 12);
  CHECK(ds[0].message == "dag.tasks[1]: unknown field 'dependancies' in DAGTask");
  CHECK(ds[0].suggestion == "dependencies");
  CHECK(ds[0].rule == "argo-schema");
}

TEST_CASE("argo: the context prefixes the path in messages", "[argo]") {
  DiagnosticSink sink;
  CHECK_FALSE(argo::check(parse("name: x\ncontainer: {image: a, imagePullPolicey: Always}\n"),
                          argo::kTemplate, sink, "controller.templates[3]"));
  REQUIRE(sink.all().size() == 1);
  const auto& d = sink.all()[0];
  CHECK(d.message ==
        "controller.templates[3].container: unknown field 'imagePullPolicey' in "
        "Container");
  CHECK(d.suggestion == "imagePullPolicy");
  CHECK(d.location.line == 2);
  CHECK(d.location.column == 23);
}

TEST_CASE("argo: unknown fields far from any known one get no suggestion", "[argo]") {
  auto ds = check("name: x\nfrobnicate: 1\n");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message == "unknown field 'frobnicate' in Template");
  CHECK(ds[0].suggestion.empty());
}

TEST_CASE("argo: wrong scalar types name the expected type and the fix", "[argo]") {
  auto ds = check(R"(name: x
parallelism: "3"
daemon: yes
failFast: "true"
priority: 2.5
container:
  image: alpine
  args: [echo, 3, true]
  tty: 1
)");
  INFO(messages(ds));
  REQUIRE(ds.size() == 7);
  const Diagnostic* d = find_message(ds, "parallelism:");
  REQUIRE(d);
  CHECK(d->message == "parallelism: expected an integer, got a string");
  CHECK(d->note == "write it without quotes: 3");
  CHECK(d->location.line == 2);
  d = find_message(ds, "daemon:");
  REQUIRE(d);
  CHECK(d->message == "daemon: expected a boolean (true or false), got a string");
  CHECK(d->note == "write true or false");
  d = find_message(ds, "failFast:");
  REQUIRE(d);
  CHECK(d->note == "write it without quotes: true");
  d = find_message(ds, "priority:");
  REQUIRE(d);
  CHECK(d->message == "priority: expected an integer, got a number (2.5)");
  d = find_message(ds, "container.args[1]:");
  REQUIRE(d);
  CHECK(d->message == "container.args[1]: expected a string, got a number (3)");
  CHECK(d->note == "quote it to make it a string: \"3\"");
  CHECK(d->location.line == 8);
  CHECK(d->location.column == 16);
  d = find_message(ds, "container.args[2]:");
  REQUIRE(d);
  CHECK(d->message == "container.args[2]: expected a string, got a boolean (true)");
  CHECK_FALSE(find_message(ds, "args[0]"));
  CHECK(find_message(ds, "container.tty: expected a boolean"));
}

TEST_CASE("argo: structure mismatches and nulls are errors", "[argo]") {
  auto ds = check(R"(name: x
container: [alpine]
inputs:
  parameters: {name: a}
outputs:
nodeSelector: {disk: ssd, zone: 3}
)");
  INFO(messages(ds));
  REQUIRE(ds.size() == 4);
  CHECK(find_message(ds, "container: expected a mapping (Container), got a list"));
  CHECK(find_message(ds, "inputs.parameters: expected a list, got a mapping"));
  const Diagnostic* d = find_message(ds, "outputs: expected a mapping (Outputs), got null");
  REQUIRE(d);
  CHECK(d->note == "give it a value or remove the field");
  CHECK(find_message(ds, "nodeSelector.zone: expected a string, got a number (3)"));
}

TEST_CASE("argo: enum values are checked with did-you-mean", "[argo]") {
  auto ds = check(R"(name: x
container:
  image: alpine
  imagePullPolicy: Sometimes
  ports: [{containerPort: 80, protocol: tcp}]
)");
  INFO(messages(ds));
  REQUIRE(ds.size() == 2);
  const Diagnostic* d = find_message(ds, "imagePullPolicy");
  REQUIRE(d);
  CHECK(d->message ==
        "container.imagePullPolicy: invalid imagePullPolicy 'Sometimes': expected Always, "
        "IfNotPresent or Never");
  CHECK(d->location.line == 4);
  CHECK(d->location.column == 20);
  d = find_message(ds, "protocol");
  REQUIRE(d);
  CHECK(d->message.starts_with("container.ports[0].protocol: invalid protocol 'tcp'"));
  CHECK(d->suggestion == "TCP");
}

TEST_CASE("argo: quantities follow the Kubernetes grammar", "[argo]") {
  auto ds = check(R"(name: x
container:
  image: alpine
  resources:
    requests: {cpu: 500m, memory: 1Gi, ephemeral-storage: "0.5", nvidia.com/gpu: 1}
    limits: {cpu: 1e3, memory: 1GB, ephemeral-storage: 500mi, pods: true}
)");
  INFO(messages(ds));
  REQUIRE(ds.size() == 3);
  const Diagnostic* d = find_message(ds, "'1GB'");
  REQUIRE(d);
  CHECK(d->message == "container.resources.limits.memory: invalid quantity '1GB' for memory");
  CHECK(d->suggestion == "1G");
  CHECK(d->location.line == 6);
  d = find_message(ds, "'500mi'");
  REQUIRE(d);
  CHECK(d->suggestion == "500Mi");
  CHECK(find_message(ds, "limits.pods: expected a quantity"));
}

TEST_CASE("argo: int-or-string accepts both, but not floats or booleans", "[argo]") {
  CHECK(check("name: x\nretryStrategy: {limit: 3}\nactiveDeadlineSeconds: \"300\"\n").empty());
  CHECK(check("name: x\nretryStrategy: {limit: \"{{inputs.parameters.n}}\"}\n").empty());
  auto ds = check("name: x\nretryStrategy: {limit: 2.5}\n");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message ==
        "retryStrategy.limit: expected an integer or a string, got a number (2.5)");
  CHECK(ds[0].note == "quote it to make it a string: \"2.5\"");
}

TEST_CASE("argo: missing required fields are reported at the mapping", "[argo]") {
  auto ds = check(R"(name: x
dag:
  tasks:
    - template: task1
inputs:
  parameters:
    - value: 1
)");
  INFO(messages(ds));
  REQUIRE(ds.size() == 2);
  const Diagnostic* d = find_message(ds, "missing required field 'name' in DAGTask");
  REQUIRE(d);
  CHECK(d->message == "dag.tasks[0]: missing required field 'name' in DAGTask");
  CHECK(d->location.line == 4);
  CHECK(d->location.column == 7);
  CHECK(find_message(ds, "inputs.parameters[0]: missing required field 'name' in Parameter"));
  // Argo's Container requires an image (not a name).
  ds = check("name: x\ncontainer: {command: [sh]}\n");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message == "container: missing required field 'image' in Container");
}

TEST_CASE("argo: nested Kubernetes types in volumes and securityContext", "[argo]") {
  auto ds = check(R"(name: x
volumes:
  - name: scratch
    emptyDir: {medium: Memory, sizeLimit: 1GB}
  - hostPath: {path: /var/run, type: Sockett}
  - name: cfg
    configMap: {name: c, items: [{key: a}], defualtMode: 420}
securityContext:
  runAsUser: "1000"
  runAsNonRoot: true
  seccompProfile: {type: RuntimeDefault}
container:
  image: alpine
  securityContext:
    allowPrivilegeEscalation: false
    capabilities: {drop: [ALL], ad: [NET_ADMIN]}
    runAsGroup: -1
)");
  INFO(messages(ds));
  CHECK(find_message(ds, "volumes[0].emptyDir.sizeLimit: invalid quantity '1GB'"));
  CHECK(find_message(ds, "volumes[1]: missing required field 'name' in Volume"));
  const Diagnostic* d = find_message(ds, "volumes[1].hostPath.type: invalid type 'Sockett'");
  REQUIRE(d);
  CHECK(d->suggestion == "Socket");
  CHECK(find_message(ds,
                     "volumes[2].configMap.items[0]: missing required field 'path' in "
                     "KeyToPath"));
  d = find_message(ds, "unknown field 'defualtMode' in ConfigMapVolumeSource");
  REQUIRE(d);
  CHECK(d->suggestion == "defaultMode");
  d = find_message(ds, "securityContext.runAsUser: expected an integer, got a string");
  REQUIRE(d);
  CHECK(d->location.line == 9);
  d = find_message(ds,
                   "container.securityContext.capabilities: unknown field 'ad' in "
                   "Capabilities");
  REQUIRE(d);
  CHECK(d->suggestion == "add");
  // Every problem is reported, not only the first one.
  CHECK(ds.size() == 7);
}

TEST_CASE("argo: whole Workflows and WorkflowTemplates", "[argo]") {
  const std::string workflow = R"(apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: hello-, labels: {team: a}}
spec:
  entrypoint: main
  activeDeadlineSeconds: 300
  podGC: {strategy: OnPodSuccess}
  templates:
    - name: main
      steps:
        - - name: a
            template: t
          - name: b
            template: t
        - - name: c
            template: t
            withItems: [1, two, {x: null}]
    - name: t
      script: {image: python:3.12, source: print(1)}
)";
  auto ds = check(workflow, argo::kWorkflow);
  INFO(messages(ds));
  CHECK(ds.empty());
  ds = check(workflow + "status: {phase: Running}\n", argo::kWorkflow);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message == "unknown field 'status' in Workflow");
  ds = check(workflow, argo::kWorkflowTemplate);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message == "kind: invalid kind 'Workflow': expected WorkflowTemplate");
  ds = check("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec: {stepz: []}\n",
             argo::kWorkflow);
  INFO(messages(ds));
  REQUIRE(ds.size() == 2);
  CHECK(find_message(ds, "missing required field 'metadata' in Workflow"));
  CHECK(find_message(ds, "spec: unknown field 'stepz' in WorkflowSpec"));
}

TEST_CASE("argo: steps written as a flat list get a hint", "[argo]") {
  auto ds = check("name: main\nsteps:\n  - {name: a, template: t}\n");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message == "steps[0]: expected a list (ParallelSteps), got a mapping");
  CHECK(ds[0].note.find("'- - name: ...'") != std::string::npos);
  CHECK(ds[0].location.line == 3);
}

TEST_CASE("argo: templateDefaults do not need required fields", "[argo]") {
  auto ds = check("templateDefaults: {container: {resources: {limits: {cpu: 1}}}}\n",
                  argo::kWorkflowSpec);
  INFO(messages(ds));
  CHECK(ds.empty());
  ds = check("templateDefaults: {container: {imagePullPolicy: Nope}}\n", argo::kWorkflowSpec);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message.starts_with("templateDefaults.container.imagePullPolicy: invalid"));
}

TEST_CASE("argo: to_json types values by the schema", "[argo]") {
  SourceNode n = parse(R"(name: main
activeDeadlineSeconds: 300
parallelism: 0x10
retryStrategy: {limit: 3, retryPolicy: Always}
container:
  image: alpine
  args: ["echo", "{{inputs.parameters.x}}"]
  resources: {limits: {cpu: 0.5, memory: 1Gi, nvidia.com/gpu: 1}}
  tty: true
inputs:
  parameters: [{name: n, value: 3}, {name: s, default: "3", enum: [a, 1, false]}]
plugin: {hello: {n: 1, f: 1.5, b: yes, z: null, s: "2"}}
)");
  auto j = argo::to_json(n, argo::kTemplate);
  CHECK(j["activeDeadlineSeconds"] == 300);
  CHECK(j["activeDeadlineSeconds"].is_number_integer());
  CHECK(j["parallelism"] == 16);
  CHECK(j["retryStrategy"]["limit"] == 3);
  CHECK(j["container"]["args"] ==
        nlohmann::ordered_json::array({"echo", "{{inputs.parameters.x}}"}));
  CHECK(j["container"]["resources"]["limits"]["cpu"] == 0.5);
  CHECK(j["container"]["resources"]["limits"]["memory"] == "1Gi");
  CHECK(j["container"]["resources"]["limits"]["nvidia.com/gpu"] == 1);
  CHECK(j["container"]["tty"] == true);
  CHECK(j["inputs"]["parameters"][0]["value"] == 3);
  CHECK(j["inputs"]["parameters"][1]["default"] == "3");
  CHECK(j["inputs"]["parameters"][1]["enum"] == nlohmann::ordered_json::array({"a", 1, false}));
  CHECK(j["plugin"]["hello"].dump() == R"({"n":1,"f":1.5,"b":"yes","z":null,"s":"2"})");
  // Members stay in the order written.
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"name", "activeDeadlineSeconds", "parallelism",
                                         "retryStrategy", "container", "inputs", "plugin"});

  auto quoted =
      argo::to_json(parse("retryStrategy: {limit: \"3\"}\nname: \"7\"\n"), argo::kTemplate);
  CHECK(quoted["retryStrategy"]["limit"] == "3");
  CHECK(quoted["name"] == "7");
  auto spec =
      argo::to_json(parse("activeDeadlineSeconds: 300\nparallelism: 2\n"), argo::kWorkflowSpec);
  CHECK(spec.dump() == R"({"activeDeadlineSeconds":300,"parallelism":2})");
}

TEST_CASE("argo: lookup helpers", "[argo]") {
  CHECK(argo::has_type(argo::kTemplate));
  CHECK(argo::has_type("io.k8s.api.core.v1.Container"));
  CHECK_FALSE(argo::has_type("io.argoproj.workflow.v1alpha1.Nope"));
  CHECK(argo::field_type(argo::kTemplate, "container") == "io.k8s.api.core.v1.Container");
  CHECK(argo::field_type(argo::kTemplate, "name").empty());
  CHECK(argo::field_type(argo::kTemplate, "nope").empty());
  auto f = argo::find_field("io.argoproj.workflow.v1alpha1.DAGTemplate", "tasks");
  REQUIRE(f);
  CHECK(f->definition == "io.argoproj.workflow.v1alpha1.DAGTask");
  CHECK(f->collection == argo::Collection::List);
  CHECK(f->required);
  f = argo::find_field(argo::kWorkflowSpec, "hooks");
  REQUIRE(f);
  CHECK(f->collection == argo::Collection::Map);
  CHECK(f->definition == "io.argoproj.workflow.v1alpha1.LifecycleHook");
  f = argo::find_field(argo::kTemplate, "nodeSelector");
  REQUIRE(f);
  CHECK(f->definition.empty());
  CHECK_FALSE(argo::find_field("nope", "name"));
  auto names = argo::field_names("io.argoproj.workflow.v1alpha1.DAGTask");
  CHECK(std::is_sorted(names.begin(), names.end()));
  CHECK(std::find(names.begin(), names.end(), "dependencies") != names.end());
  CHECK(argo::readable_name("io.argoproj.workflow.v1alpha1.Template.defaults") == "Template");
  CHECK(argo::readable_name("io.k8s.api.core.v1.Container") == "Container");
  // A sub-tree checked by the type a lookup gives.
  DiagnosticSink sink;
  CHECK_FALSE(argo::check(parse("{image: a, workingDirr: /}"),
                          argo::field_type(argo::kTemplate, "container"), sink, "c"));
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].message == "c: unknown field 'workingDirr' in Container");
}

TEST_CASE("argo: an unknown type is a programming error", "[argo]") {
  DiagnosticSink sink;
  CHECK_THROWS_AS(argo::check(parse("a: 1"), "Template", sink), std::invalid_argument);
  CHECK_THROWS_AS(argo::to_json(parse("a: 1"), "nope"), std::invalid_argument);
}

TEST_CASE("argo: the committed table matches its generator and schema", "[argo]") {
  auto shared = ivcapgen::testing::shared_dir();
  if (!shared) IVCAPGEN_SKIP("../shared is absent: cannot regenerate argo_fields.inc");
  const auto dir = ivcapgen::testing::source_dir() / "generator" / "spec" / "argo";
  ivcapgen::testing::TempDir tmp;
  const auto out = tmp / "argo_fields.inc";
  std::vector<std::string> args = {"python3",   (dir / "gen_argo_fields.py").string(),
                                   "--schemas", (*shared / "schemas").string(),
                                   "--output",  out.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, "python3", nullptr, nullptr, argv.data(), environ) != 0) {
    IVCAPGEN_SKIP("python3 is not available");
  }
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 127) IVCAPGEN_SKIP("python3 is not available");
  REQUIRE(WEXITSTATUS(status) == 0);
  // Compared line by line so that a failure shows where the table went stale.
  const std::string fresh = ivcapgen::testing::read_file(out);
  const std::string committed = ivcapgen::testing::read_file(dir / "argo_fields.inc");
  std::istringstream fresh_lines(fresh), committed_lines(committed);
  for (int line = 1;; ++line) {
    std::string a, b;
    bool more_fresh = static_cast<bool>(std::getline(fresh_lines, a));
    bool more_committed = static_cast<bool>(std::getline(committed_lines, b));
    if (!more_fresh && !more_committed) break;
    if (more_fresh == more_committed && a == b) continue;
    INFO("argo_fields.inc line " << line << " is stale: rerun gen_argo_fields.py");
    REQUIRE(more_committed == more_fresh);
    REQUIRE(b == a);
  }
  CHECK(fresh == committed);
}

// Not run by default: `test_spec "[.perf]"` prints how long checking and
// converting 1,000 seed 002 workflows takes.
TEST_CASE("argo: checking 1,000 seed 002 workflows", "[.perf]") {
  SourceNode doc = parse(kSeed002Templates);
  const SourceNode& templates = *doc.find("templates");
  SourceNode many = SourceNode::sequence();
  for (int i = 0; i < 1000; ++i) {
    for (const auto& t : templates.items) many.items.push_back(t);
  }
  auto start = std::chrono::steady_clock::now();
  DiagnosticSink sink;
  for (const auto& t : many.items) argo::check(t, argo::kTemplate, sink);
  auto checked = std::chrono::steady_clock::now();
  size_t size = 0;
  for (const auto& t : many.items) size += argo::to_json(t, argo::kTemplate).size();
  auto converted = std::chrono::steady_clock::now();
  CHECK_FALSE(sink.has_errors());
  CHECK(size > 0);
  using ms = std::chrono::duration<double, std::milli>;
  std::cout << many.items.size() << " templates: check " << ms(checked - start).count()
            << " ms, to_json " << ms(converted - checked).count() << " ms\n";
}
