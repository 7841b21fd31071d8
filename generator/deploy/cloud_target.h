#pragma once
// The cloud DeployTarget (provider aws or azure): plan (cloud_planner.h),
// apply in waves 0-6 behind readiness gates (cloud_apply.cpp), destroy in
// reverse order (cloud_destroy.cpp), drift of all three layers (Terraform by
// a refresh-only plan, Helm releases, Kubernetes objects) and a reconcile
// that changes exactly what drifted (cloud_reconcile.cpp).
#include <functional>
#include <memory>
#include <ostream>

#include "deploy/gateway_client.h"
#include "deploy/target.h"

namespace ivcapgen::deploy {

struct CloudTargetOptions {
  // Where --dry-run shows the HTTP requests it would send (the commands are
  // shown by the runner's log); the progress lines when null.
  std::ostream* dry_run_log = nullptr;
  // Makes the registry of wave 6; the default talks HTTP(S) to the gateway.
  std::function<std::unique_ptr<ServiceRegistry>(const GatewayEndpoint&)> registry;
};

std::unique_ptr<DeployTarget> make_cloud_target(CloudTargetOptions options);

DeployReport apply_cloud(TargetContext& context, const Plan* plan,
                         const CloudTargetOptions& options);
DeployReport destroy_cloud(TargetContext& context, const CloudTargetOptions& options);
// Makes exactly the changes of a drift plan (deploy/cloud_reconcile.cpp).
DeployReport reconcile_cloud(TargetContext& context, const Plan& drift,
                             const ReconcileOptions& options);

// --gateway-url, else https://api.<domain>.
GatewayEndpoint gateway_endpoint(const TargetContext& context);
std::unique_ptr<ServiceRegistry> make_registry(const CloudTargetOptions& options,
                                               const GatewayEndpoint& endpoint);

}  // namespace ivcapgen::deploy
