#include "deploy/kubernetes_changes.h"

#include <algorithm>

#include "deploy/field_diff.h"
#include "emit/waves.h"

namespace ivcapgen::deploy {

namespace {

constexpr int kMaxUnservedRetries = 8;

std::string str(const Json& j, const char* pointer) {
  const Json::json_pointer p(pointer);
  return j.contains(p) && j.at(p).is_string() ? j.at(p).get<std::string>() : std::string();
}

// The same object whatever API version it is served in.
std::string identity(std::string_view api_version, std::string_view kind, std::string_view ns,
                     std::string_view name) {
  return api_group(api_version) + "/" + std::string(kind) + "/" + std::string(ns) + "/" +
         std::string(name);
}

std::string identity_of(const Json& live) {
  return identity(str(live, "/apiVersion"), str(live, "/kind"), str(live, "/metadata/namespace"),
                  str(live, "/metadata/name"));
}

std::string key_of(const Json& live) {
  return "k8s/" + str(live, "/apiVersion") + "/" + str(live, "/kind") + "/" +
         str(live, "/metadata/namespace") + "/" + str(live, "/metadata/name");
}

std::string address_of(const Json& live) {
  const std::string ns = str(live, "/metadata/namespace");
  const std::string name = str(live, "/metadata/name");
  return str(live, "/kind") + " " + (ns.empty() ? name : ns + "/" + name);
}

// Fields whose change the API server refuses: the object must be replaced.
const std::vector<std::pair<std::string, std::string>>& immutable_fields() {
  static const std::vector<std::pair<std::string, std::string>> fields = {
      {"Deployment", "spec.selector"},
      {"DaemonSet", "spec.selector"},
      {"StatefulSet", "spec.selector"},
      {"StatefulSet", "spec.serviceName"},
      {"StatefulSet", "spec.volumeClaimTemplates"},
      {"Job", "spec.template"},
      {"Job", "spec.selector"},
      {"Service", "spec.clusterIP"},
      {"PersistentVolumeClaim", "spec.storageClassName"},
      {"RoleBinding", "roleRef"},
      {"ClusterRoleBinding", "roleRef"},
  };
  return fields;
}

bool under(std::string_view path, std::string_view prefix) {
  return path.substr(0, prefix.size()) == prefix &&
         (path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[');
}

std::string immutable_change(const std::string& kind, const std::vector<FieldChange>& diff) {
  for (const auto& [k, field] : immutable_fields()) {
    if (k != kind) continue;
    for (const auto& c : diff) {
      if (under(c.path, field)) return field;
    }
  }
  return {};
}

// The wave of a live object the build no longer declares: as recorded when it
// was applied, else by what it is.
int wave_of_undeclared(const Json& live, const State& state) {
  auto it = state.inventory.find(key_of(live));
  if (it != state.inventory.end()) return it->second.wave;
  if (!str(live, "/metadata/labels/ivcap.io~1service").empty()) return emit::kWaveServices;
  const std::string kind = str(live, "/kind");
  if (str(live, "/metadata/namespace").empty() || kind == "ResourceQuota" || kind == "LimitRange" ||
      kind == "NetworkPolicy" || kind == "Role" || kind == "RoleBinding") {
    return emit::kWaveNamespaces;
  }
  return emit::kWaveRuntime;
}

bool is_unserved_error(const tools::ToolError& e, std::string& type) {
  static constexpr std::string_view kMarker = "doesn't have a resource type \"";
  for (const auto& line : e.details) {
    const size_t at = line.find(kMarker);
    if (at == std::string::npos) continue;
    const size_t start = at + kMarker.size();
    const size_t end = line.find('"', start);
    if (end == std::string::npos) continue;
    type = line.substr(start, end - start);
    return true;
  }
  return false;
}

std::string base_resource(std::string_view resource) {
  return std::string(resource.substr(0, resource.find('.')));
}

// Removes the field at `pointer` when there is one; a pointer that does not
// fit the object's shape (a name where a list index should be) removes nothing.
void erase_pointer(Json& object, const std::string& pointer) {
  try {
    const Json::json_pointer p(pointer);
    if (p.empty() || !object.contains(p)) return;
    Json& parent = object.at(p.parent_pointer());
    const std::string& last = p.back();
    if (parent.is_object()) {
      parent.erase(last);
    } else if (parent.is_array()) {
      parent.erase(static_cast<size_t>(std::stoul(last)));
    }
  } catch (const std::exception&) {
    // nlohmann::json::exception or std::invalid_argument: not this object's shape.
  }
}

}  // namespace

Json without_ignored_fields(const Json& object, std::string_view kind, std::string_view name,
                            const std::vector<model::DriftIgnoreRule>& ignore) {
  Json out = object;
  for (const auto& rule : ignore) {
    if (rule.selects(kind, name)) erase_pointer(out, rule.pointer);
  }
  return out;
}

std::string managed_selector(std::string_view environment) {
  return "app.kubernetes.io/managed-by=ivcapgen,ivcap.io/environment=" + std::string(environment);
}

std::optional<KubeKey> parse_kube_key(std::string_view key) {
  if (key.substr(0, 4) != "k8s/") return std::nullopt;
  std::string rest(key.substr(4));
  KubeKey k;
  auto take_last = [&](std::string& into) {
    const size_t slash = rest.rfind('/');
    if (slash == std::string::npos) return false;
    into = rest.substr(slash + 1);
    rest.resize(slash);
    return true;
  };
  if (!take_last(k.name) || !take_last(k.ns) || !take_last(k.kind)) return std::nullopt;
  k.api_version = rest;
  if (k.api_version.empty() || k.kind.empty() || k.name.empty()) return std::nullopt;
  return k;
}

InventoryEntry object_inventory_entry(const DesiredObject& o) {
  InventoryEntry e;
  e.hash = o.hash;
  e.wave = o.wave;
  e.details = {{"apiVersion", o.api_version},
               {"kind", o.kind},
               {"namespace", o.ns},
               {"name", o.name},
               {"file", o.file}};
  return e;
}

std::vector<std::string> labelled_delete_args(const KubeKey& key, std::string_view selector) {
  std::vector<std::string> args = {"delete", kubectl_resource(key.api_version, key.kind)};
  if (!key.ns.empty()) args.insert(args.end(), {"-n", key.ns});
  args.insert(args.end(), {"-l", std::string(selector), "--field-selector",
                           "metadata.name=" + key.name, "--ignore-not-found"});
  return args;
}

std::vector<LiveQuery> live_queries(const DesiredState& desired, const State& state) {
  std::map<std::string, std::set<std::string>> by_namespace;
  for (const auto& o : desired.objects) {
    by_namespace[o.ns].insert(kubectl_resource(o.api_version, o.kind));
  }
  for (const auto& [key, _] : state.inventory) {
    if (auto k = parse_kube_key(key)) {
      by_namespace[k->ns].insert(kubectl_resource(k->api_version, k->kind));
    }
  }
  std::vector<LiveQuery> queries;
  for (const auto& [ns, resources] : by_namespace) {
    queries.push_back({ns, std::vector<std::string>(resources.begin(), resources.end())});
  }
  return queries;
}

tools::ToolResult<LiveObjects> fetch_live_objects(tools::Kubectl& kubectl,
                                                  const std::vector<LiveQuery>& queries,
                                                  std::string_view environment) {
  LiveObjects live;
  for (const auto& q : queries) {
    std::vector<std::string> resources = q.resources;
    for (int attempt = 0; !resources.empty(); ++attempt) {
      tools::KubeQuery query;
      query.kinds = resources;
      query.ns = q.ns;
      query.selector = managed_selector(environment);
      auto items = kubectl.get(query);
      if (items) {
        for (auto& item : *items) live.items.push_back(Json(std::move(item)));
        break;
      }
      std::string type;
      if (attempt >= kMaxUnservedRetries || !is_unserved_error(items.error(), type)) {
        return items.error();
      }
      // A CRD that a later wave installs: leave that type out and ask again.
      auto served = std::stable_partition(resources.begin(), resources.end(), [&](const auto& r) {
        return base_resource(r) != base_resource(type);
      });
      if (served == resources.end()) return items.error();
      for (auto it = served; it != resources.end(); ++it) live.unserved.insert(*it);
      resources.erase(served, resources.end());
    }
  }
  return live;
}

std::map<int, std::vector<PlannedChange>> kubernetes_creates(const DesiredState& desired) {
  std::map<int, std::vector<PlannedChange>> out;
  for (const auto& o : desired.objects) {
    PlannedChange c;
    c.address = o.address();
    c.action = Action::Create;
    c.key = o.key();
    out[o.wave].push_back(std::move(c));
  }
  return out;
}

std::map<int, std::vector<PlannedChange>> kubernetes_changes(
    const DesiredState& desired, const State& state, const LiveObjects& live,
    const std::vector<model::DriftIgnoreRule>& ignore) {
  std::map<std::string, const Json*> live_by_identity;
  for (const auto& item : live.items) live_by_identity.emplace(identity_of(item), &item);

  std::map<int, std::vector<PlannedChange>> out;
  std::set<std::string> declared;
  for (const auto& o : desired.objects) {
    const std::string id = identity(o.api_version, o.kind, o.ns, o.name);
    declared.insert(id);
    PlannedChange c;
    c.address = o.address();
    c.key = o.key();
    auto it = live_by_identity.find(id);
    if (it == live_by_identity.end()) {
      c.action = Action::Create;
      if (live.unserved.count(kubectl_resource(o.api_version, o.kind))) {
        c.reason = "its resource type is installed by an earlier wave of this apply";
      }
    } else {
      const bool ignored = std::any_of(ignore.begin(), ignore.end(),
                                       [&](const auto& r) { return r.selects(o.kind, o.name); });
      c.diff = ignored ? diff_declared(without_ignored_fields(o.object, o.kind, o.name, ignore),
                                       *it->second)
                       : diff_declared(o.object, *it->second);
      mask_secrets(c.diff);
      if (c.diff.empty()) {
        c.action = Action::NoOp;
      } else if (auto field = immutable_change(o.kind, c.diff); !field.empty()) {
        c.action = Action::Replace;
        c.reason = "immutable field " + field + " changed";
      } else {
        c.action = Action::Update;
      }
      if (c.action != Action::NoOp) c.live_hash = json_hash(*it->second);
    }
    if (c.action != Action::NoOp) c.desired_hash = o.hash;
    out[o.wave].push_back(std::move(c));
  }
  for (const auto& item : live.items) {
    if (declared.count(identity_of(item))) continue;
    PlannedChange c;
    c.address = address_of(item);
    c.key = key_of(item);
    c.action = Action::Delete;
    c.reason = "labelled as this environment's but no longer in the build";
    c.live_hash = json_hash(item);
    out[wave_of_undeclared(item, state)].push_back(std::move(c));
  }
  return out;
}

}  // namespace ivcapgen::deploy
