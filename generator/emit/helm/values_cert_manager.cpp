// cert-manager: TLS for app-server ingresses (SPEC 2.3) and, when enabled,
// the ingress-nginx admission webhook certificate.
#include "emit/helm/chart_values.h"

namespace ivcapgen::emit::helm {

namespace {

// replicaCount and a PodDisruptionBudget for one of cert-manager's three
// deployments (controller, webhook, cainjector).
void set_replicas(Json& deployment, bool ha) {
  deployment["replicaCount"] = ha ? 2 : 1;
  if (ha) deployment["podDisruptionBudget"] = {{"enabled", true}, {"minAvailable", 1}};
}

}  // namespace

Json cert_manager_values(const ChartContext& ctx) {
  Json v;
  v["global"] = {{"commonLabels", environment_labels(ctx.model)},
                 // Leases in the release's own namespace, not kube-system.
                 {"leaderElection", {{"namespace", ctx.release_namespace}}}};
  v["crds"] = {{"enabled", true}, {"keep", true}};
  set_replicas(v, ctx.high_availability);
  v["resources"] = chart_resources("10m", "64Mi", "256Mi");

  Json webhook;
  set_replicas(webhook, ctx.high_availability);
  webhook["resources"] = chart_resources("10m", "32Mi", "128Mi");
  v["webhook"] = std::move(webhook);

  Json cainjector;
  set_replicas(cainjector, ctx.high_availability);
  cainjector["resources"] = chart_resources("10m", "64Mi", "256Mi");
  v["cainjector"] = std::move(cainjector);

  v["startupapicheck"] = {{"resources", chart_resources("10m", "32Mi", "64Mi")}};
  return v;
}

}  // namespace ivcapgen::emit::helm
