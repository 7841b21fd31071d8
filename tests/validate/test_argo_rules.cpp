#include <catch2/catch.hpp>

#include "support/rule_fixture.h"

using namespace ivcapgen::testing;

namespace {
Validated argo_service(const std::string& controller_body, const std::string& params = "") {
  EnvTree t;
  t.environment("  provider: local\n");
  t.write("services/a.yaml",
          "$schema: urn:ivcap:schema:service.2\nname: wf\ndescription: A workflow service used "
          "to test the Argo rules of ivcapgen.\n" +
              params + "controller:\n  $schema: urn:ivcap:schema:service.argo-wf.1\n" +
              controller_body);
  return validate_tree(t);
}
}  // namespace

TEST_CASE("argo-structure: unknown refs, cycles, reserved names") {
  auto v = argo_service(
      "  entrypoint: main\n  templates:\n"
      "    - name: main\n      dag:\n        tasks:\n"
      "          - {name: a, template: tsk}\n"
      "          - {name: b, template: t, dependencies: [c]}\n"
      "          - {name: c, template: t, depends: \"b.Succeeded\"}\n"
      "          - {name: d, template: t, dependencies: [zz]}\n"
      "    - name: t\n      container: {image: alpine}\n"
      "    - name: ivcap-mine\n      container: {image: alpine}\n"
      "    - name: t\n      container: {image: alpine}\n");
  auto r = v.of("argo-structure");
  CHECK(r.find("task 'a' refers to unknown template 'tsk'") != std::string::npos);
  CHECK(r.find("dependency cycle in DAG 'main' of service 'wf': b -> c -> b") != std::string::npos);
  CHECK(r.find("task 'd' depends on unknown task 'zz'") != std::string::npos);
  CHECK(r.find("template name 'ivcap-mine' is reserved") != std::string::npos);
  CHECK(r.find("template 't' is defined twice") != std::string::npos);
}

TEST_CASE("argo-structure: the entrypoint must exist") {
  auto v = argo_service(
      "  entrypoint: mian\n  templates:\n    - name: main\n      container: {image: a}\n");
  CHECK(v.of("argo-structure").find("workflow refers to unknown template 'mian'") !=
        std::string::npos);
}

TEST_CASE("argo-inputs: wired to service parameters, else errors; unreachable only warns") {
  std::string body =
      "  entrypoint: main\n  templates:\n"
      "    - name: main\n      steps:\n        - - {name: s1, template: t1}\n"
      "    - name: t1\n      inputs: {parameters: [{name: message}, {name: other}]}\n"
      "      container: {image: alpine}\n"
      "    - name: lonely\n      inputs: {parameters: [{name: nobody}]}\n"
      "      container: {image: alpine}\n";
  auto v = argo_service(body, "parameters: [{name: message, type: string}]\n");
  auto r = v.of("argo-inputs");
  CHECK(r.find("input 'other' of template 't1' is not passed by 's1'") != std::string::npos);
  CHECK(r.find("'message'") == std::string::npos);
  CHECK(r.find("warning: input 'nobody' of template 'lonely' is never passed") !=
        std::string::npos);
}

TEST_CASE("sandbox-policy: forbidden fields are policy errors (exit 3)") {
  auto v = argo_service(
      "  entrypoint: main\n  templates:\n"
      "    - name: main\n      serviceAccountName: admin\n"
      "      container:\n        image: alpine\n"
      "        securityContext: {runAsUser: 0, capabilities: {add: [SYS_ADMIN]}}\n"
      "        env: [{name: X, valueFrom: {secretKeyRef: {name: s, key: k}}}]\n"
      "      volumes: [{name: d, hostPath: {path: /var/run/docker.sock}}]\n"
      "    - name: r\n      resource: {action: create, manifest: \"{}\"}\n");
  auto r = v.of("sandbox-policy");
  CHECK(r.find("'serviceAccountName' is not allowed") != std::string::npos);
  CHECK(r.find("may not run as root (runAsUser: 0)") != std::string::npos);
  CHECK(r.find("adding capability SYS_ADMIN") != std::string::npos);
  CHECK(r.find("'secretKeyRef' is not allowed") != std::string::npos);
  CHECK(r.find("mounting the docker socket is not allowed") != std::string::npos);
  CHECK(r.find("resource templates are not allowed") != std::string::npos);
  CHECK(v.sink.exit_code() == 3);
}

TEST_CASE("the SDK form (a whole Workflow) is unpacked and checked") {
  auto v = argo_service(
      "  workflow:\n    metadata: {generateName: x-, labels: {a: b}}\n"
      "    spec:\n      entrypoint: main\n      serviceAccountName: x\n"
      "      templates: [{name: main, container: {image: alpine}}]\n");
  auto all = describe_all(v.sink);
  CHECK(v.of("sandbox-policy").find("'serviceAccountName' is not allowed in a sandboxed service") !=
        std::string::npos);
  CHECK(v.sink.exit_code() == 3);
  CHECK(all.find("generateName is dropped") != std::string::npos);
}
