// The sandbox (SPEC 2.4): what a service may not do, reported as policy
// diagnostics (exit 3 when they are the only errors).
#include <algorithm>

#include "model/service.h"
#include "validate/rules.h"

namespace ivcapgen::validate {

namespace {

using model::ControllerModel;
using model::SourceNode;

struct Forbidden {
  std::string_view key;
  std::string_view why;
};

// Keys that are refused wherever they appear in a service's templates.
constexpr Forbidden kForbiddenKeys[] = {
    {"serviceAccountName", "services run with the workflow service account ivcapgen sets"},
    {"automountServiceAccountToken", "services get no Kubernetes API token"},
    {"imagePullSecrets", "services cannot name pull secrets"},
    {"artifactRepositoryRef", "artifacts use the environment's repository"},
    {"dnsConfig", "services use the cluster's DNS"},
    {"podSpecPatch", "pod specs are generated; a patch could undo the sandbox"},
    {"hostNetwork", "host namespaces are not available to services"},
    {"hostPID", "host namespaces are not available to services"},
    {"hostIPC", "host namespaces are not available to services"},
    {"hostPath", "host paths are not available to services"},
    {"secretKeyRef", "services cannot read Kubernetes Secrets"},
    {"secretRef", "services cannot read Kubernetes Secrets"},
    {"secret", "services cannot mount Kubernetes Secrets"},
};

bool is_true(const SourceNode& n) {
  return n.is_scalar() && n.scalar_type() == SourceNode::ScalarType::Boolean &&
         (n.text[0] == 't' || n.text[0] == 'T');
}

bool is_false(const SourceNode& n) {
  return n.is_scalar() && n.scalar_type() == SourceNode::ScalarType::Boolean && !is_true(n);
}

class PolicyWalker {
 public:
  PolicyWalker(const std::string& service, Findings& f) : service_(service), f_(f) {}

  void walk(const SourceNode& n, int depth = 0) {
    if (depth > 64) return;
    if (n.is_sequence()) {
      for (const auto& item : n.items) walk(item, depth + 1);
      return;
    }
    if (!n.is_mapping()) return;
    for (const auto& m : n.items) {
      check_member(m);
      walk(m, depth + 1);
    }
  }

  void template_kind(const SourceNode& tmpl) {
    if (const SourceNode* r = tmpl.find("resource")) {
      refuse(r->key_location, "resource templates are not allowed",
             "a service may not create or change Kubernetes objects");
    }
  }

 private:
  void refuse(const diag::SourceLocation& loc, std::string what, std::string_view why) {
    auto& d = f_.policy(loc, "service '" + service_ + "': " + what);
    d.note = std::string(why);
  }

  void check_member(const SourceNode& m) {
    const std::string& key = m.key;
    for (const auto& fk : kForbiddenKeys) {
      if (key != fk.key) continue;
      std::string what = "'" + key + "' is not allowed in a sandboxed service";
      if (key == "hostPath") {
        const SourceNode* path = m.find("path");
        if (path && path->is_scalar() && path->text.find("docker.sock") != std::string::npos)
          what = "mounting the docker socket is not allowed";
      }
      refuse(m.key_location, what, fk.why);
      return;
    }
    if (key.size() > 6 && key.ends_with("Secret")) {  // artifact credentials
      refuse(m.key_location, "'" + key + "' reads a Kubernetes Secret",
             "artifacts are reached through the data proxy, never with credentials");
    } else if (key == "privileged" && is_true(m)) {
      refuse(m.location, "privileged containers are not allowed", "the sandbox is restricted");
    } else if (key == "allowPrivilegeEscalation" && is_true(m)) {
      refuse(m.location, "privilege escalation is not allowed", "the sandbox is restricted");
    } else if (key == "runAsUser" && m.is_scalar() && m.text == "0") {
      refuse(m.location, "containers may not run as root (runAsUser: 0)",
             "the sandbox is restricted");
    } else if (key == "runAsNonRoot" && is_false(m)) {
      refuse(m.location, "containers may not run as root (runAsNonRoot: false)",
             "the sandbox is restricted");
    } else if (key == "capabilities") {
      const SourceNode* add = m.find("add");
      if (!add || !add->is_sequence()) return;
      for (const auto& cap : add->items) {
        if (cap.is_scalar() && cap.text != "NET_BIND_SERVICE") {
          refuse(cap.location, "adding capability " + cap.text + " is not allowed",
                 "only NET_BIND_SERVICE may be added under Pod Security restricted");
        }
      }
    } else if (key == "type" && m.is_scalar() && m.text == "Unconfined") {
      refuse(m.location, "an Unconfined seccomp or AppArmor profile is not allowed",
             "the sandbox is restricted");
    }
  }

  const std::string& service_;
  Findings& f_;
};

}  // namespace

bool sandbox_forbids(std::string_view key) {
  for (const auto& fk : kForbiddenKeys) {
    if (fk.key == key) return true;
  }
  return false;
}

void check_sandbox_policy(const model::Model& m, Findings& f) {
  if (!*m.env().policy->sandbox) return;
  for (const auto& s : m.services) {
    auto model = s.controller().model;
    if (model != ControllerModel::ArgoWf && model != ControllerModel::Argo) continue;
    const auto& argo = s.controller().argo;
    PolicyWalker walker(s.name(), f);
    for (const auto& tmpl : argo.templates.value) {
      walker.template_kind(tmpl);
      walker.walk(tmpl);
    }
    for (const SourceNode* field : {&argo.volumes, &argo.template_defaults, &argo.hooks,
                                    &argo.volume_claim_templates, &argo.rejected_workflow_fields}) {
      walker.walk(*field);
    }
  }
}

}  // namespace ivcapgen::validate
