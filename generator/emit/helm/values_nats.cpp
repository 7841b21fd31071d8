// NATS with JetStream: the platform's message bus (orders, events). A
// three-node cluster when the environment is highly available.
#include "emit/helm/chart_values.h"

namespace ivcapgen::emit::helm {

namespace {

constexpr int64_t kNatsUser = 1000;

Json container_context() {
  return {{"allowPrivilegeEscalation", false},
          {"capabilities", {{"drop", {"ALL"}}}},
          {"readOnlyRootFilesystem", true},
          {"runAsNonRoot", true},
          {"seccompProfile", {{"type", "RuntimeDefault"}}}};
}

}  // namespace

Json nats_values(const ChartContext& ctx) {
  Json v;
  v["fullnameOverride"] = "nats";
  v["global"] = {{"labels", environment_labels(ctx.model)}};

  Json config;
  if (ctx.high_availability) config["cluster"] = {{"enabled", true}, {"replicas", 3}};
  config["jetstream"] = {
      {"enabled", true},
      {"fileStore", {{"enabled", true}, {"pvc", {{"enabled", true}, {"size", "10Gi"}}}}}};
  v["config"] = std::move(config);

  // The official image runs as root; it needs nothing that root has, and
  // the JetStream volume is made writable through fsGroup.
  v["container"] = {{"resources", chart_resources("100m", "256Mi", "1Gi")},
                    {"merge", {{"securityContext", container_context()}}}};
  v["reloader"] = {{"merge",
                    {{"securityContext", container_context()},
                     {"resources", chart_resources("10m", "32Mi", "64Mi")}}}};
  v["podTemplate"] = {{"merge",
                       {{"spec",
                         {{"securityContext",
                           {{"runAsNonRoot", true},
                            {"runAsUser", kNatsUser},
                            {"runAsGroup", kNatsUser},
                            {"fsGroup", kNatsUser},
                            {"seccompProfile", {{"type", "RuntimeDefault"}}}}}}}}}};
  // nats-box is an interactive debugging client; nothing in the platform
  // needs it running.
  v["natsBox"] = {{"enabled", false}};
  return v;
}

}  // namespace ivcapgen::emit::helm
