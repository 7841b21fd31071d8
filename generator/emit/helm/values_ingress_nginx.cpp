// ingress-nginx: the one LoadBalancer in front of api.<domain> and the
// app-server hosts; its address feeds the DNS records (modules/README.md,
// "DNS is two-pass").
#include "emit/helm/chart_values.h"

namespace ivcapgen::emit::helm {

namespace {

// What each cloud's load balancer needs to be told about the controller.
Json load_balancer_annotations(const ChartContext& ctx) {
  Json a = Json::object();
  if (ctx.provider() == "aws") {
    a["service.beta.kubernetes.io/aws-load-balancer-type"] = "nlb";
  } else if (ctx.provider() == "azure") {
    // AKS probes an HTTP path; nginx answers 404 on `/`.
    a["service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path"] = "/healthz";
  }
  return a;
}

}  // namespace

Json ingress_nginx_values(const ChartContext& ctx) {
  Json controller;
  controller["ingressClassResource"] = {{"name", "nginx"}, {"enabled", true}, {"default", true}};
  // The chart adds a PodDisruptionBudget with minAvailable when it runs
  // more than one replica.
  controller["replicaCount"] = ctx.high_availability ? 2 : 1;
  controller["minAvailable"] = 1;
  controller["resources"] = chart_resources("100m", "128Mi", "512Mi");
  Json service;
  service["type"] = "LoadBalancer";
  if (Json a = load_balancer_annotations(ctx); !a.empty()) service["annotations"] = std::move(a);
  controller["service"] = std::move(service);
  if (ctx.enabled("cert-manager")) {
    // Certificates for the admission webhook from cert-manager instead of
    // the chart's patch jobs.
    controller["admissionWebhooks"] = {{"certManager", {{"enabled", true}}}};
  }

  Json v;
  v["commonLabels"] = environment_labels(ctx.model);
  v["fullnameOverride"] = "ingress-nginx";
  v["controller"] = std::move(controller);
  return v;
}

}  // namespace ivcapgen::emit::helm
