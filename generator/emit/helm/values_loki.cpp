// Loki as one single-binary StatefulSet: logs on its volume where there is
// no cloud object store (a filesystem store cannot be shared, so one
// replica), in the cloud's bucket/container otherwise (replicated when the
// environment is highly available). Loki 6.x needs deploymentMode and a
// schemaConfig; the simple-scalable targets, caches, canary and gateway the
// chart enables by default are switched off.
#include "emit/helm/chart_values.h"

namespace ivcapgen::emit::helm {

namespace {

// Where Loki keeps chunks and its index: loki.storage plus the object
// store name the schema refers to.
struct LokiStorage {
  std::string schema_store;  // filesystem | s3 | azure
  Json storage;
};

LokiStorage loki_storage(const ChartContext& ctx) {
  const ArtifactStore& store = ctx.store;
  LokiStorage out;
  Json buckets = {{"chunks", store.bucket}, {"ruler", store.bucket}};
  switch (store.kind) {
    case ArtifactStoreKind::S3:
      // Credentials from the pod's web identity (IRSA), never from values.
      out.schema_store = "s3";
      out.storage = {{"type", "s3"}, {"bucketNames", buckets}, {"s3", {{"region", store.region}}}};
      break;
    case ArtifactStoreKind::AzureBlob:
      out.schema_store = "azure";
      out.storage = {{"type", "azure"},
                     {"bucketNames", buckets},
                     {"azure",
                      {{"accountName", k8s::azure_storage_account_name(ctx.model)},
                       {"useFederatedToken", true}}}};
      break;
    case ArtifactStoreKind::Minio:
      // Logs stay off the artifact store: one volume is enough locally.
      out.schema_store = "filesystem";
      out.storage = {{"type", "filesystem"}};
      break;
  }
  return out;
}

Json schema_config(const std::string& object_store) {
  Json period = {{"from", "2024-04-01"},
                 {"store", "tsdb"},
                 {"object_store", object_store},
                 {"schema", "v13"},
                 {"index", {{"prefix", "index_"}, {"period", "24h"}}}};
  return {{"configs", Json::array({period})}};
}

}  // namespace

Json loki_values(const ChartContext& ctx) {
  LokiStorage storage = loki_storage(ctx);
  const bool shared_store = storage.schema_store != "filesystem";
  const int replicas = shared_store && ctx.high_availability ? 3 : 1;

  Json loki;
  loki["auth_enabled"] = false;  // one tenant: the platform
  loki["commonConfig"] = {{"replication_factor", replicas}};
  loki["storage"] = std::move(storage.storage);
  loki["schemaConfig"] = schema_config(storage.schema_store);
  loki["podSecurityContext"] = {{"runAsNonRoot", true},
                                {"runAsUser", 10001},
                                {"runAsGroup", 10001},
                                {"fsGroup", 10001},
                                {"seccompProfile", {{"type", "RuntimeDefault"}}}};
  if (ctx.store.kind == ArtifactStoreKind::AzureBlob) {
    loki["podLabels"] = {{"azure.workload.identity/use", "true"}};
  }

  Json v;
  v["fullnameOverride"] = "loki";
  v["commonLabels"] = environment_labels(ctx.model);
  v["deploymentMode"] = "SingleBinary";
  v["loki"] = std::move(loki);
  // A fixed name so the cloud identity can trust <namespace>:loki.
  v["serviceAccount"] = {{"create", true}, {"name", "loki"}};
  v["singleBinary"] = {{"replicas", replicas},
                       {"resources", chart_resources("100m", "256Mi", "1Gi")},
                       {"persistence", {{"enabled", true}, {"size", "10Gi"}}}};
  for (const char* target : {"read", "write", "backend"}) v[target] = {{"replicas", 0}};
  v["gateway"] = {{"enabled", false}};
  v["chunksCache"] = {{"enabled", false}};
  v["resultsCache"] = {{"enabled", false}};
  v["lokiCanary"] = {{"enabled", false}};
  v["test"] = {{"enabled", false}};
  // The rules sidecar would watch ConfigMaps and Secrets cluster-wide.
  v["sidecar"] = {{"rules", {{"enabled", false}}}};
  return v;
}

}  // namespace ivcapgen::emit::helm
