#include "emit/kubernetes/isolation/network_policies.h"

#include <algorithm>

#include "emit/kubernetes/isolation/artifact_store.h"
#include "emit/kubernetes/objects.h"

namespace ivcapgen::emit::k8s {

namespace {

constexpr std::string_view kNetworkingApi = "networking.k8s.io/v1";
constexpr std::string_view kServiceLabel = "ivcap.io/service";
constexpr int kDnsPort = 53;
constexpr int kHttpsPort = 443;
constexpr int kApiServerPort = 6443;
constexpr int kMinioPort = 9000;

// The private and link-local ranges: never reached through "internet"
// egress (the cluster, the VPC/VNet, cloud metadata endpoints).
const std::vector<std::string>& private_ranges() {
  static const std::vector<std::string> kRanges = {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                                                   "169.254.0.0/16"};
  return kRanges;
}

Json namespace_selector(const std::string& namespace_) {
  return {{"matchLabels", {{"kubernetes.io/metadata.name", namespace_}}}};
}

Json match_labels(Json labels) {
  return {{"matchLabels", std::move(labels)}};
}

// Pods with `labels` in another namespace.
Json pods_in(const std::string& namespace_, Json labels) {
  return {{"namespaceSelector", namespace_selector(namespace_)},
          {"podSelector", match_labels(std::move(labels))}};
}

Json whole_namespace(const std::string& namespace_) {
  return {{"namespaceSelector", namespace_selector(namespace_)}};
}

Json runtime_pods(const model::Model& m, std::string_view component_name) {
  return pods_in(*m.env().namespaces->platform, selector_labels(m, component_name));
}

Json port(int number, std::string_view protocol = "TCP") {
  return {{"protocol", protocol}, {"port", number}};
}

Json egress_rule(Json to, Json ports = nullptr) {
  Json r;
  r["to"] = std::move(to);
  if (!ports.is_null()) r["ports"] = std::move(ports);
  return r;
}

Json ingress_rule(Json from, Json ports = nullptr) {
  Json r;
  r["from"] = std::move(from);
  if (!ports.is_null()) r["ports"] = std::move(ports);
  return r;
}

Json cluster_dns_egress() {
  return egress_rule(Json::array({pods_in("kube-system", {{"k8s-app", "kube-dns"}})}),
                     Json::array({port(kDnsPort, "UDP"), port(kDnsPort, "TCP")}));
}

// "The internet" on one port: everything but the private ranges.
Json public_internet(int number) {
  Json block = {{"cidr", "0.0.0.0/0"}, {"except", private_ranges()}};
  return egress_rule(Json::array({{{"ipBlock", block}}}), Json::array({port(number)}));
}

Json network_policy(const model::Model& m, std::string_view name, const std::string& namespace_,
                    const model::Service* service, Json annotations = nullptr) {
  return object(kNetworkingApi, "NetworkPolicy", name, namespace_,
                standard_labels(m, name, "network-policy", service), std::move(annotations));
}

bool egress_permitted(const model::Model& m, const std::string& host) {
  const auto& allowed = m.env().policy->allowed_egress.value;
  return std::any_of(allowed.begin(), allowed.end(), [&](const model::Text& pattern) {
    if (*pattern == host) return true;
    return pattern->starts_with("*.") && host.size() > pattern->size() - 1 &&
           host.ends_with(pattern->substr(1));
  });
}

bool is_dynamic(const model::Service& s) {
  auto c = s.controller().model;
  return c == model::ControllerModel::Rest || c == model::ControllerModel::Dynamic;
}

Json default_deny(const model::Model& m) {
  Json np = network_policy(m, "default-deny", *m.env().namespaces->services, nullptr);
  np["spec"] = {{"podSelector", Json::object()},
                {"policyTypes", Json::array({"Ingress", "Egress"})}};
  return np;
}

Json service_policy(const model::Model& m, const model::Service& s) {
  Json own_pods = {{"podSelector", match_labels({{kServiceLabel, s.name()}})}};
  Json ingress = Json::array({ingress_rule(Json::array({own_pods}))});
  if (is_dynamic(s)) {
    // rest/dynamic services answer on api.<domain>/<project>-<name> through
    // the ingress controller; the gateway forwards to them as well.
    ingress.push_back(
        ingress_rule(Json::array({whole_namespace(component_namespace(m, "ingress-nginx")),
                                  runtime_pods(m, kGatewayName)}),
                     Json::array({port(static_cast<int>(*s.controller().rest.port))})));
  }
  Json egress = Json::array({egress_rule(Json::array({own_pods})), cluster_dns_egress()});
  egress.push_back(
      egress_rule(Json::array({runtime_pods(m, kGatewayName)}), Json::array({port(kGatewayPort)})));
  egress.push_back(egress_rule(Json::array({runtime_pods(m, kExitHandlerName)}),
                               Json::array({port(kExitHandlerPort)})));
  // A sidecar proxy is in the pod (loopback needs no rule); the node proxy
  // is a DaemonSet in the platform namespace.
  if (*m.env().runtime->data_proxy->mode == "node") {
    egress.push_back(egress_rule(Json::array({runtime_pods(m, kDataProxyName)}),
                                 Json::array({port(kDataProxyPort)})));
  }
  Json annotations = nullptr;
  if (auto hosts = permitted_egress_hosts(m, s); !hosts.empty()) {
    // NetworkPolicy cannot match host names: the permitted hosts are
    // allowed as HTTPS to any public address, and listed here so that an
    // egress proxy or a DNS-aware CNI policy can narrow it further.
    std::string listed;
    for (const auto& h : hosts) listed += (listed.empty() ? "" : ",") + h;
    annotations = {{"ivcap.io/allowed-egress-hosts", listed}};
    egress.push_back(public_internet(kHttpsPort));
  }
  Json np = network_policy(m, model::service_object_name(m, s), *m.env().namespaces->services, &s,
                           std::move(annotations));
  np["spec"] = {{"podSelector", match_labels({{kServiceLabel, s.name()}})},
                {"policyTypes", Json::array({"Ingress", "Egress"})},
                {"ingress", std::move(ingress)},
                {"egress", std::move(egress)}};
  return np;
}

bool any_workflow_service(const model::Model& m) {
  return std::any_of(m.services.begin(), m.services.end(), [](const model::Service& s) {
    return runs_service_pods(s) && !is_dynamic(s);
  });
}

// Argo's executor (the init and wait containers of every workflow pod)
// talks to the Kubernetes API (WorkflowTaskResults) and to the artifact
// repository. The API server's address is not known at build time: its
// in-cluster endpoint is on a private address (EKS private endpoint, kind,
// minikube), so HTTPS and 6443 to the private ranges. The cloud object
// stores are public HTTPS endpoints; MinIO runs in the platform namespace.
Json argo_executor_policy(const model::Model& m) {
  Json private_blocks = Json::array();
  for (const auto& cidr : private_ranges()) {
    if (cidr != "169.254.0.0/16") private_blocks.push_back({{"ipBlock", {{"cidr", cidr}}}});
  }
  Json egress = Json::array({egress_rule(std::move(private_blocks),
                                         Json::array({port(kHttpsPort), port(kApiServerPort)}))});
  if (artifact_store(m).kind == ArtifactStoreKind::Minio) {
    egress.push_back(
        egress_rule(Json::array({pods_in(component_namespace(m, "minio"), {{"app", "minio"}})}),
                    Json::array({port(kMinioPort)})));
  } else {
    egress.push_back(public_internet(kHttpsPort));
  }
  Json np = network_policy(m, "ivcap-argo-executor", *m.env().namespaces->services, nullptr);
  np["spec"] = {
      {"podSelector",
       {{"matchExpressions",
         Json::array({{{"key", "workflows.argoproj.io/workflow"}, {"operator", "Exists"}}})}}},
      {"policyTypes", Json::array({"Egress"})},
      {"egress", std::move(egress)}};
  return np;
}

// An ingress-only policy for one runtime component: its port, from its
// callers. Egress stays open in the platform namespace: the components
// reach the API server, the database and cloud storage, whose addresses
// are only known after Terraform.
Json admit(const model::Model& m, std::string_view component_name, int component_port, Json from) {
  Json np = network_policy(m, component_name, *m.env().namespaces->platform, nullptr);
  np["spec"] = {
      {"podSelector", match_labels(selector_labels(m, component_name))},
      {"policyTypes", Json::array({"Ingress"})},
      {"ingress",
       Json::array({ingress_rule(std::move(from), Json::array({port(component_port)}))})}};
  return np;
}

}  // namespace

bool runs_service_pods(const model::Service& s) {
  switch (s.controller().model) {
    case model::ControllerModel::Basic:
    case model::ControllerModel::Batch:
    case model::ControllerModel::ArgoWf:
    case model::ControllerModel::Argo:
    case model::ControllerModel::Rest:
    case model::ControllerModel::Dynamic:
      return true;
    default:
      return false;
  }
}

std::vector<std::string> permitted_egress_hosts(const model::Model& m, const model::Service& s) {
  std::vector<std::string> hosts;
  for (const auto& host : *s.spec->egress) {
    if (egress_permitted(m, *host) && std::find(hosts.begin(), hosts.end(), *host) == hosts.end()) {
      hosts.push_back(*host);
    }
  }
  return hosts;
}

std::vector<Json> services_network_policies(const model::Model& m) {
  std::vector<Json> out = {default_deny(m)};
  if (any_workflow_service(m)) out.push_back(argo_executor_policy(m));
  for (const auto& s : m.services) {
    if (runs_service_pods(s)) out.push_back(service_policy(m, s));
  }
  return out;
}

std::vector<Json> platform_network_policies(const model::Model& m) {
  const std::string& services = *m.env().namespaces->services;
  std::string ingress_controller = component_namespace(m, "ingress-nginx");
  std::vector<Json> out;
  // The API and app-server sites come in through the ingress controller;
  // service pods and data proxy sidecars call the API; the dispatcher and
  // exit handler call back.
  out.push_back(
      admit(m, kGatewayName, kGatewayPort,
            Json::array({whole_namespace(ingress_controller), whole_namespace(services),
                         runtime_pods(m, kDispatcherName), runtime_pods(m, kExitHandlerName)})));
  out.push_back(
      admit(m, kDispatcherName, kDispatcherPort, Json::array({runtime_pods(m, kGatewayName)})));
  // Workflows report to the exit handler from the services namespace
  // (its template runs there); the dispatcher and gateway read outcomes.
  out.push_back(admit(m, kExitHandlerName, kExitHandlerPort,
                      Json::array({whole_namespace(services), runtime_pods(m, kDispatcherName),
                                   runtime_pods(m, kGatewayName)})));
  if (*m.env().runtime->data_proxy->mode == "node") {
    out.push_back(admit(m, kDataProxyName, kDataProxyPort,
                        Json::array({whole_namespace(services), runtime_pods(m, kGatewayName),
                                     runtime_pods(m, kDispatcherName)})));
  }
  return out;
}

}  // namespace ivcapgen::emit::k8s
