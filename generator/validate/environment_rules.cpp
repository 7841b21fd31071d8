// Rules about the environment itself.
#include <algorithm>
#include <set>

#include "diag/suggest.h"
#include "model/components.h"
#include "model/drift_rule.h"
#include "model/provider_catalog.h"
#include "model/quantity.h"
#include "model/syntax.h"
#include "validate/rules.h"

namespace ivcapgen::validate {

namespace {

using model::Text;

bool cloud(const model::Model& m) {
  return m.env().provider.value == "aws" || m.env().provider.value == "azure";
}

// Rules that depend on the provider stay quiet when it is not one we know:
// the decoder has already said so, with a suggestion.
bool known_provider(const model::Model& m) {
  return cloud(m) || m.env().provider.value == "local";
}

void require(const Text& field, std::string_view name, const model::Model& m, Findings& f,
             const diag::SourceLocation& where) {
  if (field.present && !field->empty()) return;
  f.error(where, "provider " + m.env().provider.value + " needs " + std::string(name));
}

void check_quantity(const Text& q, std::string_view what, Findings& f) {
  if (!q.present) return;
  if (!model::is_quantity(*q)) {
    auto& d = f.error(q.location, "invalid quantity '" + *q + "' for " + std::string(what));
    d.note = "use a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi";
  }
}

}  // namespace

void check_environment_names(const model::Model& m, Findings& f) {
  const auto& meta = m.environment->metadata;
  const Text& name = meta->name;
  if (name.present && (!model::is_dns_label(*name) || name->size() > 20)) {
    f.error(name.location,
            "environment name '" + *name + "' must be a DNS-1123 label of at most 20 characters");
  }
  const auto& s = m.env();
  if (!model::is_project_name(*s.project)) {
    f.error(s.project.location,
            "project '" + *s.project + "' must match [a-z][a-z0-9_-]* (at most 30 characters)");
  }
  if (s.domain.present && !model::is_dns_name(*s.domain)) {
    f.error(s.domain.location, "domain '" + *s.domain + "' is not a valid DNS name");
  }
  const auto& ns = s.namespaces.value;
  std::set<std::string> seen;
  for (const Text* n : {&ns.platform, &ns.services, &ns.argo}) {
    if (!model::is_dns_label(**n)) {
      f.error(n->location, "namespace '" + **n + "' is not a DNS-1123 label");
    } else if (!seen.insert(**n).second) {
      f.error(n->location, "namespace '" + **n +
                               "' is used for two roles; the services "
                               "namespace must be isolated");
    }
  }
}

void check_provider_fields(const model::Model& m, Findings& f) {
  const auto& s = m.env();
  if (!s.provider.present || !known_provider(m)) return;
  const auto where = m.environment->spec.location;
  if (cloud(m)) {
    require(s.region, "spec.region", m, f, where);
    require(s.domain, "spec.domain", m, f, where);
    if (s.cluster->node_pools->empty()) {
      f.error(s.cluster.location.valid() ? s.cluster.location : where,
              "provider " + *s.provider + " needs at least one node pool in cluster.nodePools");
    }
    if (s.region.present && !s.region->empty()) {
      const auto& regions = model::provider_regions(*s.provider);
      if (std::find(regions.begin(), regions.end(), *s.region) == regions.end()) {
        auto& d =
            f.error(s.region.location, "unknown " + *s.provider + " region '" + *s.region + "'");
        if (auto sug = diag::closest_match(*s.region, std::span(regions))) d.suggestion = *sug;
      }
    }
  } else if (s.region.present) {
    f.warning(s.region.location, "region is ignored by the local provider");
  }
  if (!model::is_minor_version(*s.cluster->kubernetes_version)) {
    f.error(s.cluster->kubernetes_version.location,
            "kubernetesVersion '" + *s.cluster->kubernetes_version +
                "' must be a minor version such as \"1.32\"");
  }
  const auto& db = s.database.value;
  if (!model::is_minor_version(*db.version) &&
      !std::all_of(db.version->begin(), db.version->end(), ::isdigit)) {
    f.error(db.version.location, "database version '" + *db.version + "' must be like \"15\"");
  }
  if (*db.managed && !cloud(m)) {
    f.error(db.managed.location, "a managed database needs a cloud provider (aws or azure)");
  }
  if (*db.managed && cloud(m)) {
    const auto& secrets = s.secrets.value;
    if (!secrets.count(*db.password_secret)) {
      auto& d = f.error(db.password_secret.location.valid() ? db.password_secret.location : where,
                        "the managed database needs the secret '" + *db.password_secret +
                            "' in spec.secrets (a reference to its password)");
      d.note = "e.g. secrets: {" + *db.password_secret + ": {ref: \"" +
               (*s.provider == "aws" ? "aws-secretsmanager://ivcap/db-password"
                                     : "azurekeyvault://kv-ivcap/db-password") +
               "\"}}";
    }
  }
}

void check_terraform_backend(const model::Model& m, Findings& f) {
  const auto& s = m.env();
  const auto& backend = s.terraform->backend;
  const auto& b = backend.value;
  auto where = backend.location.valid() ? backend.location : m.environment->spec.location;
  auto need = [&](const Text& field, std::string_view name) {
    if (!field.present || field->empty()) {
      f.error(where, "terraform backend '" + *b.type + "' needs " + std::string(name));
    }
  };
  if (*b.type == "s3") {
    need(b.bucket, "bucket");
    if (*s.provider == "azure")
      f.warning(b.type.location, "an s3 backend for an azure environment");
  } else if (*b.type == "azurerm") {
    need(b.resource_group, "resourceGroup");
    need(b.storage_account, "storageAccount");
    need(b.container, "container");
    if (*s.provider == "aws")
      f.warning(b.type.location, "an azurerm backend for an aws environment");
  }
  if (b.bucket.present && *b.type != "s3") {
    f.error(b.bucket.location, "bucket is a setting of the s3 backend, not " + *b.type);
  }
}

void check_node_pools(const model::Model& m, Findings& f) {
  const auto& s = m.env();
  std::set<std::string> names;
  for (const auto& pool : s.cluster->node_pools.value) {
    const auto& p = pool.value;
    if (!model::is_dns_label(*p.name)) {
      f.error(p.name.location, "node pool name '" + *p.name + "' is not a DNS-1123 label");
    } else if (!names.insert(*p.name).second) {
      f.error(p.name.location, "node pool '" + *p.name + "' is defined twice");
    }
    if (*p.min < 0) f.error(p.min.location, "min must be >= 0");
    if (*p.max < 1) f.error(p.max.location, "max must be >= 1");
    if (*p.max < *p.min) {
      f.error(p.max.location, "max (" + std::to_string(*p.max) + ") is below min (" +
                                  std::to_string(*p.min) + ") in node pool '" + *p.name + "'");
    }
    check_quantity(p.cpu, "cpu", f);
    check_quantity(p.memory, "memory", f);
    for (const auto& [key, value] : p.labels.value) {
      if (!model::is_label_key(key) || !model::is_label_value(*value)) {
        f.error(value.location, "invalid node label '" + key + ": " + *value + "'");
      }
    }
    if (!cloud(m)) continue;
    if (!p.size.present) {
      f.error(pool.location, "node pool '" + *p.name + "' needs a size");
      continue;
    }
    auto size = model::find_instance_size(*s.provider, *p.size);
    if (!size && !(p.cpu.present && p.memory.present)) {
      std::vector<std::string_view> known;
      for (const auto& sz : model::provider_sizes(*s.provider)) known.push_back(sz.name);
      auto& d =
          f.error(p.size.location, "unknown " + *s.provider + " instance size '" + *p.size + "'");
      if (auto sug = diag::closest_match(*p.size, std::span(known))) d.suggestion = *sug;
      d.note = "or give the pool's allocatable cpu and memory for sizes ivcapgen does not know";
    }
    if (p.gpu.present) {
      const auto& gpu = p.gpu.value;
      if (*gpu.count < 1) f.error(gpu.count.location, "gpu.count must be >= 1");
      if (size && size->gpus == 0) {
        f.error(p.gpu.location,
                "node pool '" + *p.name + "' asks for GPUs but size '" + *p.size + "' has none");
      } else if (size && size->gpu_type != *gpu.type) {
        auto& d =
            f.error(gpu.type.location, "size '" + *p.size + "' has " + std::string(size->gpu_type) +
                                           " GPUs, not '" + *gpu.type + "'");
        d.suggestion = std::string(size->gpu_type);
      } else if (size && *gpu.count > size->gpus) {
        f.error(gpu.count.location, "size '" + *p.size + "' has " + std::to_string(size->gpus) +
                                        " GPU(s) per node, not " + std::to_string(*gpu.count));
      }
    } else if (size && size->gpus > 0) {
      f.warning(p.size.location, "size '" + *p.size +
                                     "' has GPUs but the pool declares no gpu; "
                                     "GPU services cannot be scheduled on it");
    }
  }
}

void check_components(const model::Model& m, Findings& f) {
  auto names = model::component_names();
  for (const auto& [name, component] : m.env().components.value) {
    const auto* def = model::find_component_default(name);
    if (!def) {
      auto& d = f.error(component.location, "unknown component '" + name + "'");
      if (auto s = diag::closest_match(name, std::span(names))) d.suggestion = *s;
      d.note = "known components: " + diag::join_alternatives(std::span(names), ", ");
      continue;
    }
    const Text& version = component->version;
    if (!model::is_chart_version(*version)) {
      f.error(version.location, "component version '" + *version + "' is not a chart version");
    } else if (*version != def->version) {
      f.warning(version.location, name + " " + *version + " is not the pinned, checked version " +
                                      std::string(def->version));
    }
    if (component->namespace_.present && !model::is_dns_label(*component->namespace_)) {
      f.error(component->namespace_.location,
              "namespace '" + *component->namespace_ + "' is not a DNS-1123 label");
    }
    if (!component->values.is_null() && !component->values.is_mapping()) {
      f.error(component->values.location, "values of " + name + " must be a mapping");
    }
  }
}

void check_runtime(const model::Model& m, Findings& f) {
  const auto& r = m.env().runtime.value;
  const auto& image = r.image.value;
  if (!model::is_image_reference(*image.registry)) {
    f.error(image.registry.location, "invalid image registry '" + *image.registry + "'");
  }
  if (!model::is_image_reference(*image.tag) || image.tag->find('/') != std::string::npos) {
    f.error(image.tag.location, "invalid image tag '" + *image.tag + "'");
  }
  std::set<int64_t> ports;
  auto component = [&](std::string_view name, const model::Int& replicas, const model::Int& port,
                       const model::Located<model::ResourceRequirements>& res) {
    if (*replicas < 1) f.error(replicas.location, std::string(name) + " replicas must be >= 1");
    if (*port < 1024 || *port > 65535) {
      f.error(port.location, std::string(name) + " port must be in 1024..65535");
    } else if (!ports.insert(*port).second) {
      f.error(port.location, std::string(name) + " port " + std::to_string(*port) +
                                 " is used by another component");
    }
    for (const auto* a : {&res->requests.value, &res->limits.value}) {
      check_quantity(a->cpu, "cpu", f);
      check_quantity(a->memory, "memory", f);
    }
  };
  component("gateway", r.gateway->replicas, r.gateway->port, r.gateway->resources);
  component("dispatcher", r.dispatcher->replicas, r.dispatcher->port, r.dispatcher->resources);
  model::Int one = 1;
  component("dataProxy", one, r.data_proxy->port, r.data_proxy->resources);
  component("exitHandler", r.exit_handler->replicas, r.exit_handler->port,
            r.exit_handler->resources);
}

void check_environment_quantities(const model::Model& m, Findings& f) {
  const auto& res = m.env().resources.value;
  for (const auto* a : {&res.defaults->requests.value, &res.defaults->limits.value}) {
    check_quantity(a->cpu, "cpu", f);
    check_quantity(a->memory, "memory", f);
    check_quantity(a->ephemeral_storage, "ephemeral-storage", f);
  }
  check_quantity(res.quota->cpu, "quota cpu", f);
  check_quantity(res.quota->memory, "quota memory", f);
  if (*res.quota->pods < 1) f.error(res.quota->pods.location, "quota pods must be >= 1");
  if (*res.quota->gpu < 0) f.error(res.quota->gpu.location, "quota gpu must be >= 0");
  const auto& a = m.env().storage->artifacts.value;
  if (*a.size_gi < 1) f.error(a.size_gi.location, "sizeGi must be >= 1");
  if (a.bucket.present && !model::is_dns_subdomain(*a.bucket)) {
    f.error(a.bucket.location, "bucket name '" + *a.bucket + "' is not valid");
  }
  for (const auto& host : m.env().policy->allowed_egress.value) {
    std::string_view h = *host;
    if (h.starts_with("*.")) h.remove_prefix(2);
    if (!model::is_dns_name(h)) f.error(host.location, "invalid egress host '" + *host + "'");
  }
}

void check_secret_references(const model::Model& m, Findings& f) {
  static constexpr std::string_view kSchemes[] = {"azurekeyvault://", "aws-secretsmanager://",
                                                  "aws-ssm://", "k8s-secret://"};
  for (const auto& [name, secret] : m.env().secrets.value) {
    if (secret->literal) continue;  // already a policy error
    const Text& ref = secret->ref;
    if (!model::is_dns_subdomain(name)) {
      f.error(secret.location, "secret name '" + name + "' is not a DNS-1123 subdomain");
    }
    auto scheme = std::find_if(std::begin(kSchemes), std::end(kSchemes),
                               [&](std::string_view s) { return ref->starts_with(s); });
    if (scheme == std::end(kSchemes)) {
      auto& d = f.error(ref.location, "secret reference '" + *ref + "' has an unknown scheme");
      d.note = "use " + diag::join_alternatives(std::span(kSchemes));
      continue;
    }
    std::string_view rest = std::string_view(*ref).substr(scheme->size());
    bool ok = !rest.empty() && rest.find("..") == std::string_view::npos &&
              std::all_of(rest.begin(), rest.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
                       c == '/' || c == '.';
              });
    if (*scheme == "azurekeyvault://" || *scheme == "k8s-secret://") {
      size_t slashes = std::count(rest.begin(), rest.end(), '/');
      ok = ok && slashes == (*scheme == "k8s-secret://" ? 2u : 1u);
    }
    if (!ok) {
      f.error(ref.location, "malformed secret reference '" + *ref + "'");
    }
    std::string provider = *m.env().provider;
    if ((*scheme == "azurekeyvault://" && provider == "aws") ||
        (scheme->starts_with("aws-") && provider == "azure")) {
      f.warning(ref.location, "a " + std::string(scheme->substr(0, scheme->size() - 3)) +
                                  " reference in a " + provider + " environment");
    }
  }
}

void check_drift_rules(const model::Model& m, Findings& f) {
  for (const auto& rule : m.env().drift->ignore.value) {
    const std::string& r = *rule;
    std::string problem;
    if (!model::parse_drift_ignore_rule(r, problem)) {
      auto& d = f.error(rule.location, "drift ignore rule '" + r + "' " + problem);
      d.note = "e.g. \"Deployment/*:/spec/replicas\"";
    }
  }
}

}  // namespace ivcapgen::validate
