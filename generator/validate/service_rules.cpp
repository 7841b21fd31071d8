// Rules about each service description (SPEC 2.3, 2.5; seeds 002, 003).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "diag/suggest.h"
#include "model/provider_catalog.h"
#include "model/quantity.h"
#include "model/schema_urn.h"
#include "model/syntax.h"
#include "validate/rules.h"

namespace ivcapgen::validate {

namespace {

using model::ControllerModel;
using model::Service;
using model::Text;

constexpr size_t kMaxQualifiedName = 32;
constexpr size_t kMinDescription = 40;

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

const model::ContainerResources* container_resources(const Service& s) {
  const auto& c = s.controller();
  if (c.model == ControllerModel::Basic || c.model == ControllerModel::Batch) return &c.basic.res;
  if (c.model == ControllerModel::Rest || c.model == ControllerModel::Dynamic) return &c.rest.res;
  return nullptr;
}

// The request (or, failing that, limit) of one resource of a container.
const Text* requested(const model::ContainerResources& r,
                      const model::Located<model::ResourcePair>& pair,
                      const Text model::ResourceAmounts::*field) {
  if (pair->request.present) return &pair->request;
  if ((*r.resources).requests.present && ((*r.resources).requests.value.*field).present)
    return &((*r.resources).requests.value.*field);
  if (pair->limit.present) return &pair->limit;
  return nullptr;
}

void check_quantity(const Text& q, std::string_view what, Findings& f) {
  if (q.present && !model::is_quantity(*q)) {
    auto& d = f.error(q.location, "invalid quantity '" + *q + "' for " + std::string(what));
    d.note = "use a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi";
  }
}

void check_resource_syntax(const model::ContainerResources& r, Findings& f) {
  for (const auto* pair : {&r.cpu, &r.memory, &r.ephemeral_storage}) {
    check_quantity((*pair)->request, "request", f);
    check_quantity((*pair)->limit, "limit", f);
    auto req = model::parse_quantity(*(*pair)->request);
    auto lim = model::parse_quantity(*(*pair)->limit);
    if (req && lim && req->milli > lim->milli) {
      f.error((*pair)->request.location,
              "request " + *(*pair)->request + " exceeds limit " + *(*pair)->limit);
    }
  }
  for (const auto* a : {&r.resources->requests.value, &r.resources->limits.value}) {
    check_quantity(a->cpu, "cpu", f);
    check_quantity(a->memory, "memory", f);
    check_quantity(a->ephemeral_storage, "ephemeral-storage", f);
  }
  check_quantity(r.shared_memory, "shared-memory", f);
  if (r.gpu_number.present && *r.gpu_number < 0) {
    f.error(r.gpu_number.location, "gpu-number must be >= 0");
  }
  if (r.gpu_number.present && *r.gpu_number > 0 && !r.gpu_type.present) {
    f.error(r.gpu_number.location, "gpu-number needs gpu-type (the GPU model to schedule on)");
  }
}

void check_image(const Text& image, Findings& f) {
  if (image.present && !model::is_image_reference(*image)) {
    auto& d = f.error(image.location, "invalid image reference '" + *image + "'");
    d.note =
        "an image is [registry/]path[:tag][@sha256:digest] without spaces or shell "
        "metacharacters";
  }
}

}  // namespace

void check_service_names(const model::Model& m, Findings& f) {
  std::string project = *m.env().project;
  for (const Service& s : m.services) {
    const Text& name = s.spec->name;
    if (!name.present) continue;
    if (!model::is_service_name(*name)) {
      auto& d = f.error(name.location, "invalid service name '" + *name + "'");
      d.note =
          "names begin with a lowercase letter, contain only a-z, 0-9 and '-', and end "
          "with a letter or digit";
      continue;
    }
    std::string qualified = project + "-" + *name;
    if (qualified.size() > kMaxQualifiedName) {
      auto& d = f.error(name.location, "service name '" + qualified + "' is " +
                                           std::to_string(qualified.size()) +
                                           " characters; at most 32 including the project prefix");
      d.note =
          "shorten it by " + std::to_string(qualified.size() - kMaxQualifiedName) + " characters";
    }
    const Text& id = s.spec->id.present ? s.spec->id : s.spec->dollar_id;
    if (id.present) {
      std::string_view v = *id;
      if (!v.starts_with("urn:ivcap:service:") ||
          !model::is_uuid(v.substr(std::string_view("urn:ivcap:service:").size()))) {
        f.error(id.location, "service id '" + *id + "' must be urn:ivcap:service:<uuid>");
      }
    }
    if (s.spec->id.present && s.spec->dollar_id.present && *s.spec->id != *s.spec->dollar_id) {
      f.error(s.spec->dollar_id.location, "$id and id differ");
    }
  }
}

void check_duplicate_services(const model::Model& m, Findings& f) {
  std::map<std::string, const Service*> seen;
  for (const Service& s : m.services) {
    if (s.name().empty()) continue;
    auto [it, inserted] = seen.emplace(s.name(), &s);
    if (!inserted) {
      auto& d = f.error(s.spec->name.location, "service '" + s.name() + "' is defined twice");
      d.note = "first defined at " + it->second->spec->name.location.to_string();
    }
  }
}

void check_descriptions(const model::Model& m, Findings& f) {
  for (const Service& s : m.services) {
    const Text& desc = s.spec->description;
    if (!desc.present) continue;
    std::string text = trim(*desc);
    if (text.size() < kMinDescription) {
      auto& d = f.error(
          desc.location,
          "description of '" + s.name() + "' is " +
              (text.empty() ? "empty" : "only " + std::to_string(text.size()) + " characters"));
      d.note =
          "say what the service does, why it exists, and how (and how not) to use it: at "
          "least 40 characters";
    }
  }
}

void check_parameters(const model::Model& m, Findings& f) {
  for (const Service& s : m.services) {
    std::set<std::string> names;
    for (const auto& param : s.spec->parameters.value) {
      const auto& p = param.value;
      if (!model::is_identifier(*p.name)) {
        f.error(p.name.location, "invalid parameter name '" + *p.name + "'");
      } else if (!names.insert(*p.name).second) {
        f.error(p.name.location, "parameter '" + *p.name + "' is declared twice");
      }
      if (*p.type == "option" && p.options->empty()) {
        f.error(p.type.location, "option parameter '" + *p.name + "' needs options");
      }
      if (*p.type != "option" && p.options.present) {
        f.warning(p.options.location, "options are only used by parameters of type option");
      }
      if (!p.default_value.present) continue;
      const auto& def = p.default_value;
      const std::string& v = def->text;
      bool ok = true;
      if (*p.type == "int") {
        ok = model::SourceNode::scalar(v).scalar_type() == model::SourceNode::ScalarType::Integer;
      } else if (*p.type == "float") {
        auto t = model::SourceNode::scalar(v).scalar_type();
        ok = t == model::SourceNode::ScalarType::Integer ||
             t == model::SourceNode::ScalarType::Float;
      } else if (*p.type == "bool") {
        ok = v == "true" || v == "false";
      } else if (*p.type == "option" && !p.options->empty()) {
        ok = std::any_of(p.options->begin(), p.options->end(),
                         [&](const auto& o) { return *o->value == v; });
      }
      if (!ok) {
        f.error(def.location,
                "default '" + v + "' is not a valid " + *p.type + " for '" + *p.name + "'");
      }
    }
  }
}

void check_controllers(const model::Model& m, Findings& f) {
  for (const Service& s : m.services) {
    const auto& c = s.controller();
    if (!s.spec->controller.present) continue;
    switch (c.model) {
      case ControllerModel::ServiceProxy: {
        auto& d = f.warning(c.schema.location,
                            "known controller 'service-proxy', not orderable: "
                            "'" +
                                s.name() + "' gets a catalog entry only");
        d.note = "orders for it are refused by the dispatcher";
        if (c.proxy.url.present && !c.proxy.url->starts_with("https://") &&
            !c.proxy.url->starts_with("http://")) {
          f.error(c.proxy.url.location, "url must start with http:// or https://");
        }
        break;
      }
      case ControllerModel::AppServer: {
        const auto& app = c.app;
        if (!model::is_dns_name(*app.host)) {
          f.error(app.host.location, "invalid host '" + *app.host + "'");
        }
        if (app.artifact.present && !model::is_ivcap_urn(*app.artifact, "artifact")) {
          f.error(app.artifact.location,
                  "artifact must be an artifact URN (urn:ivcap:artifact:...)");
        }
        if (app.not_found.present &&
            (app.not_found->find("..") != std::string::npos || app.not_found->starts_with("/"))) {
          f.error(app.not_found.location, "the 404 page must be a relative path in the artifact");
        }
        break;
      }
      case ControllerModel::Rest:
      case ControllerModel::Dynamic: {
        const auto& r = c.rest;
        check_image(r.image, f);
        check_resource_syntax(r.res, f);
        if (*r.port < 1 || *r.port > 65535) f.error(r.port.location, "port must be in 1..65535");
        if (!r.ready_url->starts_with("/")) {
          f.error(r.ready_url.location, "ready-url must start with '/'");
        }
        if (*r.replicas->min < 0) f.error(r.replicas->min.location, "replicas.min must be >= 0");
        if (*r.replicas->max < std::max<int64_t>(1, *r.replicas->min)) {
          f.error(r.replicas->max.location, "replicas.max must be >= max(1, replicas.min)");
        }
        if (!model::parse_duration_seconds(*r.idle_timeout)) {
          f.error(r.idle_timeout.location,
                  "idle-timeout '" + *r.idle_timeout + "' is not a duration such as 15m or 1h30m");
        }
        if (*r.scale_to_zero && r.replicas.present && *r.replicas->min > 0) {
          f.warning(r.scale_to_zero.location,
                    "scale-to-zero ignores replicas.min: the service starts on request");
        }
        break;
      }
      case ControllerModel::Basic:
      case ControllerModel::Batch:
        check_image(c.basic.image, f);
        check_resource_syntax(c.basic.res, f);
        break;
      case ControllerModel::ArgoWf:
      case ControllerModel::Argo:
        if (!c.argo.entrypoint.present) {
          f.error(s.spec->controller.location, "argo controller needs an entrypoint");
        }
        if (!c.argo.templates.present || c.argo.templates->empty()) {
          f.error(s.spec->controller.location, "argo controller needs templates");
        }
        break;
      case ControllerModel::Unknown:
        break;
    }
  }
}

void check_service_resources(const model::Model& m, Findings& f) {
  const auto& pools = m.env().cluster->node_pools.value;
  const std::string& provider = *m.env().provider;
  struct Capacity {
    std::string name;
    long double cpu_milli, memory_milli;
    std::string gpu_type;
    int64_t gpus;
  };
  std::vector<Capacity> capacities;
  for (const auto& pool : pools) {
    Capacity c{*pool->name, 0, 0, "", 0};
    auto size = model::find_instance_size(provider, *pool->size);
    if (!pool->cpu->empty()) {
      c.cpu_milli = model::parse_quantity(*pool->cpu).value_or(model::Quantity{}).milli;
    } else if (size) {
      c.cpu_milli = size->vcpus * 1000.0L;
    }
    if (!pool->memory->empty()) {
      c.memory_milli = model::parse_quantity(*pool->memory).value_or(model::Quantity{}).milli;
    } else if (size) {
      c.memory_milli = size->memory_gib * 1073741824.0L * 1000;
    }
    if (pool->gpu.present) {
      c.gpu_type = *pool->gpu->type;
      c.gpus = *pool->gpu->count;
    }
    capacities.push_back(std::move(c));
  }
  if (capacities.empty()) return;
  std::vector<std::string> pool_names;
  for (const auto& c : capacities) pool_names.push_back(c.name);
  for (const Service& s : m.services) {
    const auto* r = container_resources(s);
    if (!r) continue;
    const Text* cpu = requested(*r, r->cpu, &model::ResourceAmounts::cpu);
    const Text* mem = requested(*r, r->memory, &model::ResourceAmounts::memory);
    auto cpu_q = cpu ? model::parse_quantity(**cpu) : std::nullopt;
    auto mem_q = mem ? model::parse_quantity(**mem) : std::nullopt;
    int64_t gpus = r->gpu_type.present ? std::max<int64_t>(1, *r->gpu_number) : 0;
    bool fits = std::any_of(capacities.begin(), capacities.end(), [&](const Capacity& c) {
      if (cpu_q && cpu_q->milli > c.cpu_milli) return false;
      if (mem_q && mem_q->milli > c.memory_milli) return false;
      if (gpus > 0 && (c.gpu_type != *r->gpu_type || c.gpus < gpus)) return false;
      return true;
    });
    if (fits) continue;
    const auto& where =
        gpus > 0 ? r->gpu_type.location
                 : (cpu_q ? cpu->location : (mem ? mem->location : s.spec->controller.location));
    std::string ask;
    if (cpu_q) ask += "cpu " + **cpu;
    if (mem_q) ask += std::string(ask.empty() ? "" : ", ") + "memory " + **mem;
    if (gpus > 0)
      ask += std::string(ask.empty() ? "" : ", ") + std::to_string(gpus) + " " + *r->gpu_type +
             " GPU(s)";
    auto& d = f.error(where, "service '" + s.name() + "' (" + ask + ") fits no node pool");
    std::string pools_text;
    for (const auto& c : capacities) {
      pools_text +=
          "\n  " + c.name + ": " +
          model::canonical_quantity(std::to_string(static_cast<long long>(c.cpu_milli)) + "m") +
          " cpu, " +
          model::canonical_quantity(std::to_string(static_cast<long long>(c.memory_milli / 1000))) +
          " memory" + (c.gpus ? ", " + std::to_string(c.gpus) + " " + c.gpu_type : "");
    }
    d.note = "node pools:" + pools_text;
  }
}

void check_service_egress(const model::Model& m, Findings& f) {
  // Locally there is no cluster network to police; declared egress is moot.
  if (*m.env().provider == "local") return;
  const auto& allowed = m.env().policy->allowed_egress.value;
  auto permitted = [&](const std::string& host) {
    return std::any_of(allowed.begin(), allowed.end(), [&](const Text& a) {
      if (*a == host) return true;
      return a->starts_with("*.") && host.size() > a->size() - 1 && host.ends_with(a->substr(1));
    });
  };
  for (const Service& s : m.services) {
    for (const auto& host : s.spec->egress.value) {
      if (!model::is_dns_name(*host)) {
        f.error(host.location, "invalid egress host '" + *host + "'");
      } else if (!permitted(*host)) {
        auto& d =
            f.policy(host.location, "egress to '" + *host + "' is not allowed by the environment");
        d.note = "add it to spec.policy.allowedEgress of the environment";
      }
    }
  }
}

void check_literal_secrets(const model::Model& m, Findings& f) {
  auto looks_secret = [](std::string name) {
    std::transform(name.begin(), name.end(), name.begin(), ::toupper);
    for (std::string_view word : {"PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY",
                                  "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL"}) {
      if (name.find(word) != std::string::npos) return true;
    }
    return false;
  };
  for (const Service& s : m.services) {
    const auto& c = s.controller();
    const model::TextMap* env = nullptr;
    if (c.model == ControllerModel::Basic || c.model == ControllerModel::Batch) env = &c.basic.env;
    if (c.model == ControllerModel::Rest || c.model == ControllerModel::Dynamic) env = &c.rest.env;
    if (!env) continue;
    for (const auto& [name, value] : env->value) {
      if (!looks_secret(name) || value->empty()) continue;
      auto& d = f.policy(value.location, "environment variable '" + name + "' of '" + s.name() +
                                             "' holds a literal secret value");
      d.note = "services get no secrets; credentials stay with the platform (data proxy)";
      d.redact_source = true;
    }
  }
}

}  // namespace ivcapgen::validate
