#include "emit/kubernetes/isolation/rbac.h"

#include "emit/kubernetes/objects.h"

namespace ivcapgen::emit::k8s {

namespace {

constexpr std::string_view kRbacApi = "rbac.authorization.k8s.io/v1";

Json service_account(const model::Model& m, std::string_view name, std::string_view component,
                     const std::string& namespace_, bool token) {
  Json sa = object("v1", "ServiceAccount", name, namespace_, standard_labels(m, name, component));
  sa["automountServiceAccountToken"] = token;
  return sa;
}

Json rule(std::string_view group, std::vector<std::string> resources,
          std::vector<std::string> verbs, std::vector<std::string> names = {}) {
  Json r;
  r["apiGroups"] = Json::array({group});
  r["resources"] = resources;
  if (!names.empty()) r["resourceNames"] = names;
  r["verbs"] = verbs;
  return r;
}

Json role(const model::Model& m, std::string_view name, std::string_view component, Json rules) {
  Json r = object(kRbacApi, "Role", name, *m.env().namespaces->services,
                  standard_labels(m, name, component));
  r["rules"] = std::move(rules);
  return r;
}

Json role_binding(const model::Model& m, std::string_view name, std::string_view component,
                  std::string_view account, const std::string& account_namespace) {
  Json b = object(kRbacApi, "RoleBinding", name, *m.env().namespaces->services,
                  standard_labels(m, name, component));
  b["roleRef"] = {{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "Role"}, {"name", name}};
  b["subjects"] = Json::array(
      {{{"kind", "ServiceAccount"}, {"name", account}, {"namespace", account_namespace}}});
  return b;
}

// Deployments of scale-to-zero services: the dispatcher starts them on
// request (SPEC 2.5), so it may scale exactly those, by name.
std::vector<std::string> scale_to_zero_deployments(const model::Model& m) {
  std::vector<std::string> names;
  for (const auto& s : m.services) {
    auto model_ = s.controller().model;
    bool dynamic =
        model_ == model::ControllerModel::Rest || model_ == model::ControllerModel::Dynamic;
    if (dynamic && *s.controller().rest.scale_to_zero) {
      names.push_back(model::service_object_name(m, s));
    }
  }
  return names;
}

Json dispatcher_rules(const model::Model& m) {
  Json rules = Json::array();
  rules.push_back(rule("argoproj.io", {"workflows"}, {"create", "get", "list", "watch", "delete"}));
  rules.push_back(rule("argoproj.io", {"workflowtemplates"}, {"get", "list", "watch"}));
  if (auto names = scale_to_zero_deployments(m); !names.empty()) {
    rules.push_back(rule("apps", {"deployments"}, {"get"}, names));
    rules.push_back(rule("apps", {"deployments/scale"}, {"get", "patch", "update"}, names));
  }
  return rules;
}

// Argo 3.6's executor reports outputs through WorkflowTaskResults; the
// only Secret it may read is the artifact repository's credentials.
Json workflow_rules() {
  return Json::array({rule("argoproj.io", {"workflowtaskresults"}, {"create", "patch"}),
                      rule("", {"secrets"}, {"get"}, {std::string(kArtifactRepositorySecret)})});
}

}  // namespace

std::vector<Json> service_accounts(const model::Model& m) {
  const std::string& platform = *m.env().namespaces->platform;
  // The workflow account keeps its token: Argo's executor in each workflow
  // pod authenticates with it.
  return {
      service_account(m, kGatewayName, "gateway", platform, false),
      service_account(m, kDispatcherName, "dispatcher", platform, true),
      service_account(m, kExitHandlerName, "exit-handler", platform, false),
      service_account(m, kDataProxyName, "data-proxy", platform, false),
      service_account(m, kWorkflowServiceAccount, "workflow", *m.env().namespaces->services, true)};
}

std::vector<Json> roles_and_bindings(const model::Model& m) {
  const auto& ns = m.env().namespaces.value;
  return {
      role(m, kDispatcherName, "dispatcher", dispatcher_rules(m)),
      role(m, kWorkflowServiceAccount, "workflow", workflow_rules()),
      role_binding(m, kDispatcherName, "dispatcher", kDispatcherName, *ns.platform),
      role_binding(m, kWorkflowServiceAccount, "workflow", kWorkflowServiceAccount, *ns.services)};
}

}  // namespace ivcapgen::emit::k8s
