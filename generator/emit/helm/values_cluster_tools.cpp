// sealed-secrets and kubernetes-replicator: the two small controllers that
// get Secrets into place without their values ever being in the output
// (sealed in git; copied between namespaces by annotation). Near-default
// values: stable names, resources, restricted security contexts.
#include "emit/helm/chart_values.h"

namespace ivcapgen::emit::helm {

namespace {

Json restricted_container_context(int64_t uid) {
  return {{"allowPrivilegeEscalation", false},
          {"capabilities", {{"drop", {"ALL"}}}},
          {"readOnlyRootFilesystem", true},
          {"runAsNonRoot", true},
          {"runAsUser", uid},
          {"seccompProfile", {{"type", "RuntimeDefault"}}}};
}

}  // namespace

Json sealed_secrets_values(const ChartContext& ctx) {
  Json v;
  // The controller name kubeseal looks for by default.
  v["fullnameOverride"] = "sealed-secrets-controller";
  v["commonLabels"] = environment_labels(ctx.model);
  v["resources"] = chart_resources("50m", "64Mi", "256Mi");
  v["podSecurityContext"] = {{"enabled", true},
                             {"fsGroup", 65534},
                             {"runAsNonRoot", true},
                             {"seccompProfile", {{"type", "RuntimeDefault"}}}};
  Json container = restricted_container_context(1001);
  container["enabled"] = true;
  v["containerSecurityContext"] = std::move(container);
  return v;
}

Json kubernetes_replicator_values(const ChartContext& ctx) {
  (void)ctx;
  Json v;
  v["fullnameOverride"] = "kubernetes-replicator";
  // The chart's default is Always with a floating tag; the tag is pinned
  // to the chart's appVersion by the chart itself.
  v["image"] = {{"pullPolicy", "IfNotPresent"}};
  v["podSecurityContext"] = {{"runAsNonRoot", true},
                             {"runAsUser", 65534},
                             {"runAsGroup", 65534},
                             {"seccompProfile", {{"type", "RuntimeDefault"}}}};
  v["securityContext"] = restricted_container_context(65534);
  v["resources"] = chart_resources("20m", "64Mi", "256Mi");
  return v;
}

}  // namespace ivcapgen::emit::helm
