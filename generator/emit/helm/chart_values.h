#pragma once
// The values ivcapgen generates for each pinned chart, before the user's
// components.<name>.values are merged over them. One function per chart
// (values_<chart>.cpp); each uses only keys the pinned chart has (checked by
// ../shared/helm-charts/check_values.py) and refers to Secrets by name only.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "emit/kubernetes/isolation/artifact_store.h"
#include "model/model.h"

namespace ivcapgen::emit::helm {

using Json = nlohmann::ordered_json;
using k8s::ArtifactStore;
using k8s::ArtifactStoreKind;

// The MinIO release's fullnameOverride: its Service is what the artifact
// store's endpoint names (minio.<namespace>.svc.cluster.local:9000).
inline constexpr std::string_view kMinioName = "minio";

bool component_enabled(const model::Model& m, std::string_view component);

// What every chart's values depend on besides the model.
struct ChartContext {
  const model::Model& model;
  std::string release_namespace;  // of the release being generated
  bool high_availability = false;
  ArtifactStore store;  // the environment's artifact store

  const std::string& platform_namespace() const { return model.env().namespaces->platform.value; }
  const std::string& services_namespace() const { return model.env().namespaces->services.value; }
  const std::string& provider() const { return model.env().provider.value; }
  bool enabled(std::string_view component) const { return component_enabled(model, component); }
};

// An environment is highly available when it runs several gateways (the
// `ha` overlay); third-party components then get replicas and PDBs too.
bool is_high_availability(const model::Model& m);

// The generated values of a known component (an empty map for unknown ones).
Json generated_values(std::string_view component, const ChartContext& ctx);

Json cert_manager_values(const ChartContext& ctx);
Json sealed_secrets_values(const ChartContext& ctx);
Json kubernetes_replicator_values(const ChartContext& ctx);
Json ingress_nginx_values(const ChartContext& ctx);
Json minio_values(const ChartContext& ctx);
Json postgresql_values(const ChartContext& ctx);
Json nats_values(const ChartContext& ctx);
Json loki_values(const ChartContext& ctx);
Json argo_workflows_values(const ChartContext& ctx);

// Shared pieces of the charts' values.
// {requests: {cpu, memory}, limits: {memory}}: no CPU limit (throttling
// hurts latency-sensitive controllers), a memory limit always.
Json chart_resources(std::string_view cpu_request, std::string_view memory_request,
                     std::string_view memory_limit);
// Labels the charts put on every object they render.
Json environment_labels(const model::Model& m);

}  // namespace ivcapgen::emit::helm
