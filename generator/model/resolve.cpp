#include "model/resolve.h"

#include <algorithm>
#include <numeric>

#include "model/components.h"
#include "support/digest.h"

namespace ivcapgen::model {

namespace {

// Sets a defaulted field, locating it at the mapping that would hold it.
template <class T>
void set_default(Located<T>& field, T value, const SourceLocation& where) {
  if (field.present) return;
  field.value = std::move(value);
  field.location = where;
}

void default_local_node_pool(EnvironmentSpec& s, const SourceLocation& where) {
  if (s.provider.value != "local" || !s.cluster->node_pools->empty()) return;
  // Fixed so that output never depends on the machine that builds it.
  Located<NodePool> pool;
  pool.location = where;
  pool->name = std::string("local");
  pool->size = std::string("local");
  pool->cpu = std::string("4");
  pool->memory = std::string("8Gi");
  s.cluster->node_pools->push_back(std::move(pool));
}

void default_components(EnvironmentSpec& s, const SourceLocation& where) {
  for (const auto& def : component_defaults()) {
    auto& entry = s.components.value[std::string(def.name)];
    if (!entry.present) entry.location = where;
    if (!entry->enabled.present) entry->enabled.value = component_enabled_by_default(def.name, s);
    set_default(entry->version, std::string(def.version), entry.location);
  }
}

void default_ports(RuntimeSpec& r) {
  auto port = [](Int& p, int64_t value) {
    if (!p.present || p.value == 0) p.value = value;
  };
  port(r.gateway->port, kDefaultGatewayPort);
  port(r.dispatcher->port, kDefaultDispatcherPort);
  port(r.data_proxy->port, kDefaultDataProxyPort);
  port(r.exit_handler->port, kDefaultExitHandlerPort);
}

void default_service_resources(ResourcesSpec& r) {
  auto& d = r.defaults.value;
  if (!d.requests.present) d.requests.value = amounts("100m", "256Mi");
  if (!d.limits.present) d.limits.value = amounts("1", "1Gi");
}

}  // namespace

void resolve_environment_defaults(Environment& env) {
  EnvironmentSpec& s = env.spec.value;
  const SourceLocation& where = env.spec.location;
  bool local = s.provider.value == "local";
  if (local) set_default(s.domain, std::string("localhost"), where);
  set_default(s.database->managed, !local,
              s.database.location.valid() ? s.database.location : where);
  if (!s.services.present) {
    s.services.value = {Located<std::string>(std::string("services/*.yaml"))};
    s.services.location = where;
  }
  default_local_node_pool(s, s.cluster.location.valid() ? s.cluster.location : where);
  default_components(s, s.components.location.valid() ? s.components.location : where);
  default_ports(s.runtime.value);
  default_service_resources(s.resources.value);
  auto& backend = s.terraform->backend.value;
  if (backend.type.value == "s3") set_default(backend.region, s.region.value, where);
}

void resolve_service_defaults(Model& m) {
  const std::string& project = m.env().project.value;
  for (Service& svc : m.services) {
    auto& spec = svc.spec.value;
    const Text& given = spec.id.present ? spec.id : spec.dollar_id;
    svc.id = given.present ? given.value : derive_service_id(project, spec.name.value);
    svc.description_hash = support::sha256_hex(spec.description.value);
  }
  // Sorted through an index: moving whole Service structs in a merge sort
  // cost more than the rest of this function.
  std::vector<size_t> order(m.services.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return m.services[a].name() < m.services[b].name(); });
  // Applied in place, cycle by cycle: a Service is ~10 KB, and a second
  // array of them would double the model's peak memory.
  std::vector<bool> placed(order.size());
  for (size_t start = 0; start < order.size(); ++start) {
    if (placed[start] || order[start] == start) continue;
    Service held = std::move(m.services[start]);
    size_t j = start;
    for (size_t from = order[j]; from != start; j = from, from = order[j]) {
      m.services[j] = std::move(m.services[from]);
      placed[j] = true;
    }
    m.services[j] = std::move(held);
    placed[j] = true;
  }
}

}  // namespace ivcapgen::model
