// The sandbox of every template that runs a pod (SPEC 2.4, 3): Argo makes
// one pod per container, script or containerSet template, so each gets
// restricted security contexts, resources, the IVCAP_* environment, the
// results and /tmp mounts (the root file system is read-only) and, in
// sidecar mode, the data proxy as an Argo 3.6 template `sidecars` entry.
// The volumes those mounts name are workflow-level (Argo adds to a pod only
// the volumes its containers mount). `templateDefaults` counts as written:
// its resources and security contexts are merged under each template's
// before the environment's defaults fill what is still missing, so the
// defaults never shadow a user's templateDefaults.
#include "emit/argo/service_pod.h"
#include "emit/argo/workflow_parts.h"

namespace ivcapgen::emit::workflows {

namespace {

// `base` with `over` merged into it recursively (over wins).
Json merged(const Json& base, const Json& over) {
  if (!base.is_object() || !over.is_object()) return over.is_null() ? base : over;
  Json out = base;
  for (const auto& [key, value] : over.items()) {
    out[key] = out.contains(key) ? merged(out[key], value) : value;
  }
  return out;
}

Json member(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(std::string(key));
  return it == object.end() ? Json() : *it;
}

// Security context and resources of any container in a service pod.
void harden_container(const Json& defaults, const model::Model& m, Json& c) {
  Json sc = merged(member(defaults, "securityContext"), member(c, "securityContext"));
  c["securityContext"] = k8s::restricted_container_context(sc);
  Json res = merged(member(defaults, "resources"), member(c, "resources"));
  c["resources"] = k8s::resources_with_defaults(m, res);
}

// A container that runs the service's code: also IVCAP_* and the mounts.
void harden_service_container(const model::Model& m, const model::Service& s, const Json& defaults,
                              Json& c) {
  // A templateDefaults `env` is merged by Argo itself (by name).
  c["env"] = k8s::merged_env(k8s::ivcap_env(m, s, order_id_variable()), member(c, "env"));
  harden_container(defaults, m, c);
  k8s::add_service_mounts(c);
}

void harden_list(const model::Model& m, Json& t, std::string_view key) {
  auto it = t.find(std::string(key));
  if (it == t.end() || !it->is_array()) return;
  for (auto& c : *it) {
    if (c.is_object()) harden_container(Json(), m, c);
  }
}

void harden_pod(const model::Model& m, Json& t, const Json& defaults) {
  // A template's own pod securityContext replaces the workflow's wholesale
  // in Argo, so it must be complete on its own.
  Json pod_sc = merged(member(defaults, "securityContext"), member(t, "securityContext"));
  if (!pod_sc.is_null()) t["securityContext"] = k8s::restricted_pod_context(pod_sc);
  harden_list(m, t, "initContainers");
  harden_list(m, t, "sidecars");
  if (k8s::uses_proxy_sidecar(m)) {
    Json& sidecars = t["sidecars"];
    if (!sidecars.is_array()) sidecars = Json::array();
    sidecars.push_back(k8s::data_proxy_sidecar(m));
  }
}

}  // namespace

void harden_pod_templates(const model::Model& m, const model::Service& s, Json& templates,
                          const Json& template_defaults) {
  for (Json& t : templates) {
    if (!t.is_object()) continue;
    bool pod = false;
    for (std::string_view kind : {"container", "script"}) {
      auto it = t.find(std::string(kind));
      if (it == t.end() || !it->is_object()) continue;
      harden_service_container(m, s, member(template_defaults, kind), *it);
      pod = true;
    }
    if (auto set = t.find("containerSet"); set != t.end() && set->is_object()) {
      if (auto cs = set->find("containers"); cs != set->end() && cs->is_array()) {
        for (Json& c : *cs) harden_service_container(m, s, Json(), c);
      }
      pod = true;
    }
    if (pod) harden_pod(m, t, template_defaults);
  }
}

}  // namespace ivcapgen::emit::workflows
