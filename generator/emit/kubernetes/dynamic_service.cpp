// rest/dynamic services (SPEC 2.3, 2.5; seeds 003 and 004): long-running
// HTTP services under CONTEXT_ROOT=/<project>-<name> (the path keeps a `_`
// of the project, object names do not). The pod is a service pod like a
// workflow's (service_pod.h), plus the port, CONTEXT_ROOT and a readiness
// probe on <CONTEXT_ROOT><ready-url>.
//
// Scaling: an HPA on CPU when replicas.max > replicas.min >= 1. A
// scale-to-zero service instead starts with 0 replicas, and the dispatcher
// (which may scale exactly these Deployments) reads the annotations
// ivcap.io/scale-to-zero and ivcap.io/idle-timeout to start it on request
// and stop it when idle; drift ignores /spec/replicas of Deployments.
//
// The Ingress shares api.<domain> with the gateway's, whose TLS entry
// (cert-manager, secret in the platform namespace) serves the host: a TLS
// entry here would only ask cert-manager for another certificate of the
// same name per service.
#include "emit/argo/service_pod.h"
#include "emit/kubernetes/apps.h"
#include "emit/kubernetes/objects.h"
#include "support/digest.h"

namespace ivcapgen::emit::k8s {

namespace {

constexpr std::string_view kComponent = "dynamic-service";
constexpr int kCpuUtilisationTarget = 70;

Json text_list(const model::TextList& list) {
  Json out = Json::array();
  for (const auto& item : *list) out.push_back(*item);
  return out;
}

std::string readiness_path(const model::Model& m, const model::Service& s) {
  std::string ready = *s.controller().rest.ready_url;
  if (!ready.starts_with('/')) ready.insert(ready.begin(), '/');
  return model::service_context_root(m, s) + ready;
}

bool has_autoscaler(const model::RestController& c) {
  return !*c.scale_to_zero && *c.replicas->max > *c.replicas->min && *c.replicas->min >= 1;
}

Json main_container(const model::Model& m, const model::Service& s) {
  const model::RestController& c = s.controller().rest;
  Json env = ivcap_env(m, s, {});
  env.push_back({{"name", "CONTEXT_ROOT"}, {"value", model::service_context_root(m, s)}});
  env.push_back({{"name", "PORT"}, {"value", std::to_string(*c.port)}});

  Json container;
  container["name"] = "service";
  container["image"] = *c.image;
  if (!c.image_pull_policy->empty()) container["imagePullPolicy"] = *c.image_pull_policy;
  if (!c.command->empty()) container["command"] = text_list(c.command);
  if (!c.args->empty()) container["args"] = text_list(c.args);
  container["ports"] =
      Json::array({{{"name", "http"}, {"containerPort", *c.port}, {"protocol", "TCP"}}});
  container["env"] = merged_env(std::move(env), env_list(c.env));
  container["readinessProbe"] = {{"httpGet", {{"path", readiness_path(m, s)}, {"port", "http"}}},
                                 {"periodSeconds", 10},
                                 {"timeoutSeconds", 2},
                                 {"failureThreshold", 3}};
  container["resources"] = controller_resources(m, c.res);
  container["securityContext"] = restricted_container_context(nullptr);
  add_service_mounts(container);
  if (!c.res.shared_memory->empty()) add_mount(container, kSharedMemoryVolume, "/dev/shm");
  return container;
}

Json pod_template(const model::Model& m, const model::Service& s) {
  const model::RestController& c = s.controller().rest;
  Json metadata = {{"labels", service_pod_labels(m, s, kComponent)}};
  if (uses_proxy_sidecar(m)) {
    // A changed proxy configuration rolls the pods.
    metadata["annotations"] = {
        {"ivcap.io/data-proxy-config-sha256", support::sha256_hex(data_proxy_config_text(m, s))}};
  }
  Json pod;
  // Services get no Kubernetes API token (SPEC 2.4 sandbox).
  pod["automountServiceAccountToken"] = false;
  pod["securityContext"] = restricted_pod_security_context();
  if (const model::NodePool* pool = gpu_pool(m, c.res)) {
    Json selector = pool_node_selector(*pool);
    if (!selector.empty()) pod["nodeSelector"] = std::move(selector);
    Json tolerations = pool_tolerations(*pool);
    if (!tolerations.empty()) pod["tolerations"] = std::move(tolerations);
  }
  Json containers = Json::array({main_container(m, s)});
  if (uses_proxy_sidecar(m)) containers.push_back(data_proxy_sidecar(m));
  pod["containers"] = std::move(containers);
  pod["volumes"] = service_volumes(m, s, *c.res.shared_memory);
  return {{"metadata", std::move(metadata)}, {"spec", std::move(pod)}};
}

Json deployment(const model::Model& m, const model::Service& s, const std::string& name) {
  const model::RestController& c = s.controller().rest;
  Json annotations = service_annotations(s);
  if (*c.scale_to_zero) {
    annotations["ivcap.io/scale-to-zero"] = "true";
    annotations["ivcap.io/idle-timeout"] = *c.idle_timeout;
  }
  Json d = object("apps/v1", "Deployment", name, *m.env().namespaces->services,
                  standard_labels(m, name, kComponent, &s), std::move(annotations));
  d["spec"] = {{"replicas", *c.scale_to_zero ? 0 : *c.replicas->min},
               {"selector", {{"matchLabels", selector_labels(m, name)}}},
               {"template", pod_template(m, s)}};
  return d;
}

Json service(const model::Model& m, const model::Service& s, const std::string& name) {
  Json svc = object("v1", "Service", name, *m.env().namespaces->services,
                    standard_labels(m, name, kComponent, &s));
  svc["spec"] = {{"type", "ClusterIP"},
                 {"selector", selector_labels(m, name)},
                 {"ports", Json::array({{{"name", "http"},
                                         {"port", *s.controller().rest.port},
                                         {"targetPort", "http"},
                                         {"protocol", "TCP"}}})}};
  return svc;
}

Json autoscaler(const model::Model& m, const model::Service& s, const std::string& name) {
  const model::RestController& c = s.controller().rest;
  Json hpa = object("autoscaling/v2", "HorizontalPodAutoscaler", name,
                    *m.env().namespaces->services, standard_labels(m, name, kComponent, &s));
  Json target = {{"type", "Utilization"}, {"averageUtilization", kCpuUtilisationTarget}};
  hpa["spec"] = {
      {"scaleTargetRef", {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", name}}},
      {"minReplicas", *c.replicas->min},
      {"maxReplicas", *c.replicas->max},
      {"metrics",
       Json::array({{{"type", "Resource"}, {"resource", {{"name", "cpu"}, {"target", target}}}}})}};
  return hpa;
}

Json ingress(const model::Model& m, const model::Service& s, const std::string& name) {
  Json ing = object("networking.k8s.io/v1", "Ingress", name, *m.env().namespaces->services,
                    standard_labels(m, name, kComponent, &s));
  ing["spec"] = {
      {"ingressClassName", kIngressClass},
      {"rules",
       Json::array({ingress_rule(api_host(m), model::service_context_root(m, s), name, "http")})}};
  return ing;
}

}  // namespace

std::vector<Json> dynamic_service_objects(const model::Model& m, const model::Service& s) {
  const std::string name = model::service_object_name(m, s);
  std::vector<Json> out;
  if (uses_proxy_sidecar(m)) out.push_back(data_proxy_config_map(m, s));
  out.push_back(deployment(m, s, name));
  out.push_back(service(m, s, name));
  if (has_autoscaler(s.controller().rest)) out.push_back(autoscaler(m, s, name));
  out.push_back(ingress(m, s, name));
  return out;
}

}  // namespace ivcapgen::emit::k8s
