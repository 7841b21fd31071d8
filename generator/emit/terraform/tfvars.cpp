// terraform.tfvars.json: the only file of the root module with environment
// values (modules/README.md, "Root variables"). The Environment nearly
// verbatim, keys sorted so that a value that did not change never moves.
// Variables the Environment does not have (cluster admins, an existing DNS
// zone, the ingress address after wave 3, the AWS account) are left out, so
// they keep their declared defaults; `azs` is derived from the region.
#include "emit/kubernetes/objects.h"
#include "emit/terraform/root_module.h"

namespace ivcapgen::emit::terraform {

namespace {

// nlohmann::json keeps objects sorted; the output tree takes ordered_json.
output::Json sorted(const nlohmann::json& value) {
  return output::Json::parse(value.dump());
}

nlohmann::json node_pool(const model::NodePool& p) {
  nlohmann::json pool = {{"name", *p.name}, {"size", *p.size}, {"min", *p.min}, {"max", *p.max}};
  if (p.gpu.present) pool["gpu"] = {{"type", *p.gpu->type}, {"count", *p.gpu->count}};
  if (!p.labels->empty()) {
    nlohmann::json labels = nlohmann::json::object();
    for (const auto& [key, value] : *p.labels) labels[key] = *value;
    pool["labels"] = std::move(labels);
  }
  if (!p.taints->empty()) {
    nlohmann::json taints = nlohmann::json::array();
    for (const auto& t : *p.taints) {
      nlohmann::json taint = {{"key", *t->key}, {"effect", *t->effect}};
      if (t->value.present && !t->value->empty()) taint["value"] = *t->value;
      taints.push_back(std::move(taint));
    }
    pool["taints"] = std::move(taints);
  }
  return pool;
}

}  // namespace

output::Json root_variable_values(const model::Model& m) {
  const auto& s = m.env();
  nlohmann::json v = nlohmann::json::object();
  v["project"] = *s.project;
  v["environment"] = m.name();
  v["region"] = *s.region;
  v["domain"] = *s.domain;
  v["kubernetes_version"] = *s.cluster->kubernetes_version;
  v["node_pools"] = nlohmann::json::array();
  for (const auto& pool : *s.cluster->node_pools) v["node_pools"].push_back(node_pool(*pool));
  const auto& db = s.database.value;
  v["database"] = {{"managed", *db.managed}, {"version", *db.version}, {"size", *db.size}};
  // The reference (a Key Vault / Secrets Manager / SSM address), never a value.
  if (*db.managed) {
    if (auto secret = s.secrets->find(*db.password_secret); secret != s.secrets->end()) {
      v["database_password_ref"] = *secret->second->ref;
    }
  }
  // The ServiceAccounts the runtime emitter gives the components that move
  // artifacts: the storage identity trusts these and nothing else.
  v["data_proxy_service_accounts"] = k8s::artifact_store_service_accounts(m);
  v["tags"] = {{"managed-by", "ivcapgen"}};
  // Not in the Environment: <region>a/b/c is right for most regions (see
  // modules/README.md, "Availability zones").
  if (*s.provider == "aws") v["azs"] = {*s.region + "a", *s.region + "b", *s.region + "c"};
  return sorted(v);
}

}  // namespace ivcapgen::emit::terraform
