// MinIO: the artifact store of environments without a cloud object store
// (SPEC 2.1: enabled by default only for `local`). One standalone server,
// sized by storage.artifacts.sizeGi, with the artifacts bucket; its root
// credentials come from an existing Secret, never from values.
#include "emit/helm/chart_values.h"

namespace ivcapgen::emit::helm {

namespace {

Json job_container_context() {
  return {{"allowPrivilegeEscalation", false},
          {"capabilities", {{"drop", {"ALL"}}}},
          {"runAsNonRoot", true},
          {"seccompProfile", {{"type", "RuntimeDefault"}}}};
}

}  // namespace

Json minio_values(const ChartContext& ctx) {
  const auto& artifacts = ctx.model.env().storage->artifacts.value;
  Json v;
  v["fullnameOverride"] = kMinioName;
  v["mode"] = "standalone";
  v["replicas"] = 1;
  // Keys rootUser and rootPassword: the Secret the platform's store owner
  // reads too. Set here, the chart neither creates it nor invents a new
  // random password on every upgrade.
  v["existingSecret"] = k8s::kMinioCredentialsSecret;
  v["persistence"] = {{"enabled", true}, {"size", std::to_string(*artifacts.size_gi) + "Gi"}};
  v["resources"] = chart_resources("100m", "512Mi", "2Gi");
  v["securityContext"] = {{"enabled", true},
                          {"runAsUser", 1000},
                          {"runAsGroup", 1000},
                          {"fsGroup", 1000},
                          {"fsGroupChangePolicy", "OnRootMismatch"},
                          {"runAsNonRoot", true},
                          {"seccompProfile", {{"type", "RuntimeDefault"}}}};
  Json container = job_container_context();
  container["readOnlyRootFilesystem"] = false;  // the chart's default: MinIO writes below /tmp
  v["containerSecurityContext"] = std::move(container);

  v["buckets"] = Json::array({{{"name", ctx.store.bucket}, {"policy", "none"}, {"purge", false}}});
  // The chart's default creates a console user whose password is written
  // in the chart's values.yaml.
  v["users"] = Json::array();
  v["postJob"] = {{"securityContext",
                   {{"enabled", true},
                    {"runAsUser", 1000},
                    {"runAsGroup", 1000},
                    {"fsGroup", 1000},
                    {"runAsNonRoot", true},
                    {"seccompProfile", {{"type", "RuntimeDefault"}}}}}};
  v["makeBucketJob"] = {{"containerSecurityContext", job_container_context()},
                        {"resources", chart_resources("10m", "64Mi", "128Mi")}};
  return v;
}

}  // namespace ivcapgen::emit::helm
