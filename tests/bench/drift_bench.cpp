// bench_drift [OBJECTS] [RUNS]: how long the drift comparison of the
// Kubernetes layer takes for a large environment — OBJECTS (default 5,000)
// synthetic declared objects (Deployments with several containers, env,
// ports, volumes and resources; Services; ConfigMaps) against their live form
// as an API server returns them (managedFields, defaults, status, keyed lists
// reordered, quantities respelt), one in a hundred drifted. Prints the median
// of RUNS (default 7) timings, wall clock and CPU time of the process (on a
// busy machine the wall clock mostly measures waiting for a CPU), and their
// ratio to the 1 s target; exits 1 when the median CPU time misses it.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "deploy/kubernetes_changes.h"
#include "drift/live_objects.h"
#include "model/drift_rule.h"

using namespace ivcapgen;
using deploy::Json;

namespace {

constexpr double kTargetMs = 1000.0;

double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

Json labels(const std::string& name) {
  return {{"app.kubernetes.io/managed-by", "ivcapgen"},
          {"app.kubernetes.io/name", name},
          {"ivcap.io/environment", "bench"}};
}

Json container(const std::string& name, int i) {
  Json env = Json::array();
  for (int e = 0; e < 12; ++e) {
    env.push_back({{"name", "VAR_" + std::to_string(e)}, {"value", "value-" + std::to_string(i)}});
  }
  return {
      {"name", name},
      {"image", "ghcr.io/example/" + name + ":1.4." + std::to_string(i % 7)},
      {"args", {"--listen", ":8080", "--log-level", "info"}},
      {"ports",
       {{{"name", "http"}, {"containerPort", 8080}},
        {{"name", "metrics"}, {"containerPort", 9090}}}},
      {"env", env},
      {"resources",
       {{"requests", {{"cpu", "0.5"}, {"memory", "512Mi"}}},
        {"limits", {{"cpu", 1}, {"memory", "1Gi"}}}}},
      {"volumeMounts",
       {{{"name", "tmp"}, {"mountPath", "/tmp"}}, {{"name", "config"}, {"mountPath", "/etc/x"}}}},
      {"securityContext",
       {{"runAsNonRoot", true},
        {"allowPrivilegeEscalation", false},
        {"capabilities", {{"drop", {"ALL"}}}}}}};
}

Json deployment(const std::string& ns, const std::string& name, int i) {
  Json pod = {{"serviceAccountName", name}};
  pod["containers"] = Json::array({container(name, i), container("data-proxy", i)});
  pod["tolerations"] = Json::array({{{"key", "ivcap.io/pool"}, {"operator", "Exists"}}});
  pod["volumes"] = Json::array({{{"name", "tmp"}, {"emptyDir", Json::object()}},
                                {{"name", "config"}, {"configMap", {{"name", name}}}}});
  Json spec = {{"replicas", 2},
               {"selector", {{"matchLabels", {{"app.kubernetes.io/name", name}}}}}};
  spec["template"] = {{"metadata", {{"labels", labels(name)}}}, {"spec", pod}};
  Json d = {{"apiVersion", "apps/v1"},
            {"kind", "Deployment"},
            {"metadata", {{"name", name}, {"namespace", ns}, {"labels", labels(name)}}}};
  d["spec"] = std::move(spec);
  return d;
}

Json service(const std::string& ns, const std::string& name) {
  return {{"apiVersion", "v1"},
          {"kind", "Service"},
          {"metadata", {{"name", name}, {"namespace", ns}, {"labels", labels(name)}}},
          {"spec",
           {{"selector", {{"app.kubernetes.io/name", name}}},
            {"ports", {{{"name", "http"}, {"port", 80}, {"targetPort", 8080}}}}}}};
}

Json config_map(const std::string& ns, const std::string& name, int i) {
  Json data = Json::object();
  for (int k = 0; k < 8; ++k) data["key-" + std::to_string(k)] = "value " + std::to_string(i * k);
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", name}, {"namespace", ns}, {"labels", labels(name)}}},
          {"data", data}};
}

deploy::DesiredObject declared(Json object, int wave) {
  deploy::DesiredObject o;
  o.api_version = object["apiVersion"];
  o.kind = object["kind"];
  o.ns = object["metadata"]["namespace"];
  o.name = object["metadata"]["name"];
  o.wave = wave;
  o.file = "k8s/30-apps.yaml";
  o.hash = deploy::json_hash(object);
  o.object = std::move(object);
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5000;
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;

  deploy::DesiredState desired;
  desired.environment = "bench";
  for (int i = 0; i < count; ++i) {
    const std::string ns = "ns-" + std::to_string(i % 20);
    const std::string name = "svc-" + std::to_string(i);
    switch (i % 3) {
      case 0:
        desired.objects.push_back(declared(deployment(ns, name, i), 5));
        break;
      case 1:
        desired.objects.push_back(declared(service(ns, name), 5));
        break;
      default:
        desired.objects.push_back(declared(config_map(ns, name, i), 5));
    }
  }
  deploy::LiveObjects live;
  for (size_t i = 0; i < desired.objects.size(); ++i) {
    Json j = testing::server_view(desired.objects[i]);
    if (i % 100 == 0 && desired.objects[i].kind == "Deployment") {
      j["spec"]["template"]["spec"]["containers"][0]["image"] = "drifted:1";
    }
    if (i % 100 == 3 && desired.objects[i].kind == "Deployment") j["spec"]["replicas"] = 7;
    live.items.push_back(std::move(j));
  }
  const auto ignore = model::parse_drift_ignore_rules({"Deployment/*:/spec/replicas"});
  const deploy::State state;

  std::vector<double> wall, cpu;
  size_t drifted = 0;
  for (int r = 0; r < runs; ++r) {
    const double cpu_start = cpu_ms();
    const auto start = std::chrono::steady_clock::now();
    const auto changes = deploy::kubernetes_changes(desired, state, live, ignore);
    const auto stop = std::chrono::steady_clock::now();
    cpu.push_back(cpu_ms() - cpu_start);
    wall.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
    drifted = 0;
    for (const auto& [_, wave] : changes) {
      for (const auto& c : wave) drifted += c.action != deploy::Action::NoOp;
    }
  }
  const double wall_ms = median(wall), cpu_median = median(cpu);
  std::printf("objects: %d (drifted: %zu)\n", count, drifted);
  std::printf("drift comparison: median %.1f ms wall, %.1f ms CPU, of %d runs\n", wall_ms,
              cpu_median, runs);
  std::printf("target: %.0f ms; ratio %.3f (wall), %.3f (CPU)\n", kTargetMs, wall_ms / kTargetMs,
              cpu_median / kTargetMs);
  return cpu_median <= kTargetMs ? 0 : 1;
}
