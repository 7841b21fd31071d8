#include "deploy/cloud_planner.h"

#include <algorithm>

#include "deploy/helm_changes.h"
#include "deploy/kubernetes_changes.h"
#include "deploy/registration_changes.h"
#include "deploy/stages.h"
#include "deploy/terraform_changes.h"

namespace ivcapgen::deploy {

namespace {

WavePlan& wave(Plan& plan, int number) {
  for (auto& w : plan.waves) {
    if (w.wave == number) return w;
  }
  const Stage& s = stage_of(number);
  WavePlan w;
  w.wave = number;
  w.name = std::string(s.name);
  w.layer = std::string(s.layer);
  plan.waves.push_back(std::move(w));
  return plan.waves.back();
}

std::string stage_label(int number) {
  const Stage& s = stage_of(number);
  return "wave " + std::to_string(number) + " (" + std::string(s.name) + ")";
}

// Wave 0: `terraform plan` into the plan file apply will use, or, for
// drift, `terraform plan -refresh-only` into a file of its own.
tools::ToolResult<tools::Done> plan_terraform(TargetContext& context, CloudTools& cloud, Plan& plan,
                                              bool refresh_only) {
  auto tf = cloud.terraform(stage_label(0));
  if (!tf) return tf.error();
  tools::TerraformInitRequest init;
  init.plugin_dir = context.options.terraform_plugin_dir;
  context.progress.step("terraform init");
  if (auto r = tf->init(init); !r) return r.error();
  tools::TerraformPlanRequest request;
  request.out = refresh_only ? terraform_drift_plan_file(context) : cloud.terraform_plan_file();
  if (refresh_only) request.mode = tools::TerraformPlanMode::RefreshOnly;
  context.progress.step(refresh_only ? "terraform plan -refresh-only" : "terraform plan");
  auto planned = tf->plan(request);
  if (!planned) return planned.error();
  WavePlan& w = wave(plan, 0);
  if (refresh_only && !planned->has_changes) return tools::Done{};
  auto document = tf->show_plan(planned->plan_file);
  if (!document) return document.error();
  w.changes = refresh_only ? terraform_drift_changes(*document) : terraform_changes(*document);
  if (!refresh_only) w.notes = terraform_notes(*document);
  return tools::Done{};
}

std::string access_note(const TargetContext& context, const CloudTools& cloud) {
  const ClusterAccess& a = cloud.access();
  if (context.options.kubeconfig || context.options.kube_context) {
    std::string s = "kubectl and helm use ";
    if (context.options.kubeconfig) s += "--kubeconfig " + context.options.kubeconfig->string();
    if (context.options.kubeconfig && context.options.kube_context) s += " and ";
    if (context.options.kube_context) s += "--context " + *context.options.kube_context;
    return s;
  }
  if (a.kubeconfig) return "kubeconfig refreshed from the Terraform outputs (cluster_name)";
  return "kubeconfig written from the Terraform outputs after wave 0";
}

void plan_everything_as_new(Plan& plan, const DesiredState& desired) {
  for (auto& [number, changes] : kubernetes_creates(desired)) wave(plan, number).changes = changes;
  if (!desired.releases.empty()) wave(plan, 3).changes = helm_creates(desired);
  for (int n : {2, 3, 4, 5}) {
    if (plan.find_wave(n)) {
      wave(plan, n).notes.push_back(
          "the cluster is not reachable yet (no kubeconfig; it comes from wave 0's outputs): "
          "everything is planned as a create");
    }
  }
}

tools::ToolResult<tools::Done> plan_cluster(TargetContext& context, CloudTools& cloud,
                                            const DesiredState& desired, Plan& plan,
                                            const PlanScope& scope) {
  if (!cloud.access().known()) {
    if (scope.require_cluster_access) {
      return tools::ToolError{
          "cannot check the cluster: there is no kubeconfig (the Terraform state has no "
          "cluster_name output; apply wave 0 first, or pass --kubeconfig or --context)",
          {}};
    }
    wave(plan, 1).notes.push_back(access_note(context, cloud));
    plan_everything_as_new(plan, desired);
    return tools::Done{};
  }
  wave(plan, 1).notes.push_back(access_note(context, cloud));
  auto kubectl = cloud.kubectl("the plan of waves 2, 4 and 5");
  if (!kubectl) return kubectl.error();
  context.progress.step("kubectl get (live objects, one call per namespace)");
  auto live =
      fetch_live_objects(*kubectl, live_queries(desired, context.state), desired.environment);
  if (!live) return live.error();
  for (auto& [number, changes] : kubernetes_changes(desired, context.state, *live, scope.ignore)) {
    wave(plan, number).changes = std::move(changes);
  }
  bool has_releases = !desired.releases.empty();
  for (const auto& [key, _] : context.state.inventory) has_releases |= key.rfind("helm/", 0) == 0;
  if (has_releases) {
    auto helm = cloud.helm("the plan of wave 3");
    if (!helm) return helm.error();
    context.progress.step("helm status / get values (each release)");
    auto releases = helm_changes(*helm, desired, context.state);
    if (!releases) return releases.error();
    wave(plan, 3).changes = std::move(*releases);
  }
  for (const auto& type : live->unserved) {
    wave(plan, 5).notes.push_back("the cluster does not serve " + type +
                                  " yet (a component of wave 3 installs it)");
  }
  return tools::Done{};
}

}  // namespace

std::filesystem::path terraform_drift_plan_file(const TargetContext& context) {
  return std::filesystem::absolute(context.state_dir / "drift.tfplan").lexically_normal();
}

Plan plan_header(const TargetContext& context, const DesiredState& desired) {
  Plan plan;
  plan.environment = context.model.name();
  plan.serial = context.state.serial;
  plan.lineage = context.state.lineage;
  plan.manifest_sha256 = desired.manifest_sha256;
  return plan;
}

tools::ToolResult<Plan> plan_cloud(TargetContext& context, CloudTools& cloud,
                                   const DesiredState& desired, const PlanScope& scope) {
  Plan plan = plan_header(context, desired);
  if (scope.terraform && desired.has_terraform()) {
    if (auto r = plan_terraform(context, cloud, plan, scope.terraform_refresh_only); !r) {
      return r.error();
    }
  }
  if (scope.cluster) {
    if (auto r = plan_cluster(context, cloud, desired, plan, scope); !r) return r.error();
  }
  if (scope.registration) {
    auto changes = registration_changes(desired, context.state);
    if (!changes.empty()) wave(plan, 6).changes = std::move(changes);
  }
  std::sort(plan.waves.begin(), plan.waves.end(),
            [](const WavePlan& a, const WavePlan& b) { return a.wave < b.wave; });
  return plan;
}

}  // namespace ivcapgen::deploy
