// Argo Workflows, confined to the services namespace (SPEC 2.4): the
// controller and server run in the argo namespace but watch only the
// services namespace (--namespaced --managed-namespace), and artifacts
// between steps go to the environment's object store, with credentials
// only as Secret references. Images are pinned to v3.6.19, the version of
// the Argo schemas ivcapgen checks WorkflowTemplates against.
#include "emit/helm/chart_values.h"
#include "emit/kubernetes/objects.h"

namespace ivcapgen::emit::helm {

namespace {

constexpr std::string_view kArgoImageTag = "v3.6.19";
constexpr int64_t kArgoexecUser = 8737;  // the user argoexec's image runs as

// Arguments that keep a controller or server to the services namespace.
Json namespaced_args(const ChartContext& ctx) {
  return Json::array({"--namespaced", "--managed-namespace=" + ctx.services_namespace()});
}

Json pod_security_context() {
  return {{"runAsNonRoot", true}, {"seccompProfile", {{"type", "RuntimeDefault"}}}};
}

void set_replicas(Json& deployment, bool ha) {
  deployment["replicas"] = ha ? 2 : 1;
  if (ha) deployment["pdb"] = {{"enabled", true}, {"minAvailable", 1}};
}

// The workflow service account, its Role (workflowtaskresults and the one
// artifact Secret) and binding are ivcapgen's own objects of wave 2
// (emit/kubernetes/isolation/rbac.cpp); the chart's broader ones stay off.
Json workflow_values() {
  return {{"serviceAccount", {{"create", false}, {"name", k8s::kWorkflowServiceAccount}}},
          {"rbac", {{"create", false}}}};
}

Json controller_values(const ChartContext& ctx) {
  Json c;
  c["workflowNamespaces"] = Json::array({ctx.services_namespace()});
  c["extraArgs"] = namespaced_args(ctx);
  set_replicas(c, ctx.high_availability);
  c["resources"] = chart_resources("100m", "128Mi", "512Mi");
  c["podSecurityContext"] = pod_security_context();
  c["clusterWorkflowTemplates"] = {{"enabled", false}};
  return c;
}

Json server_values(const ChartContext& ctx) {
  Json s;
  s["enabled"] = true;
  s["authModes"] = Json::array({"client"});  // callers bring their own Kubernetes token
  s["extraArgs"] = namespaced_args(ctx);
  set_replicas(s, ctx.high_availability);
  s["resources"] = chart_resources("50m", "128Mi", "256Mi");
  s["podSecurityContext"] = pod_security_context();
  s["clusterWorkflowTemplates"] = {{"enabled", false}};
  return s;
}

// The init and wait containers Argo adds to every workflow pod: they run
// in the services namespace, so they must meet Pod Security "restricted".
Json executor_values() {
  return {{"resources", chart_resources("10m", "64Mi", "256Mi")},
          {"securityContext",
           {{"allowPrivilegeEscalation", false},
            {"capabilities", {{"drop", {"ALL"}}}},
            {"readOnlyRootFilesystem", true},
            {"runAsNonRoot", true},
            {"runAsUser", kArgoexecUser},
            {"seccompProfile", {{"type", "RuntimeDefault"}}}}}};
}

}  // namespace

Json argo_workflows_values(const ChartContext& ctx) {
  Json v;
  v["fullnameOverride"] = "argo-workflows";
  v["commonLabels"] = environment_labels(ctx.model);
  v["images"] = {{"tag", kArgoImageTag}, {"pullPolicy", "IfNotPresent"}};
  v["crds"] = {{"install", true}, {"keep", true}};
  v["createAggregateRoles"] = false;
  // Not the chart's singleNamespace: that confines Argo to its own (argo)
  // namespace, while workflows run in the services namespace.
  v["singleNamespace"] = false;
  v["workflow"] = workflow_values();
  v["controller"] = controller_values(ctx);
  v["server"] = server_values(ctx);
  v["executor"] = executor_values();
  // The chart writes accessKeySecret/secretKeySecret only with static
  // credentials; the clouds use the SDK's credential chain.
  // The same repository as the services namespace's artifact-repositories
  // ConfigMap (which Argo prefers), so a workflow finds it either way.
  v["useStaticCredentials"] = true;
  v["artifactRepository"] = k8s::argo_artifact_repository(ctx.store);
  return v;
}

}  // namespace ivcapgen::emit::helm
