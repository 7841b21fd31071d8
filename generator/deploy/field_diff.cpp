#include "deploy/field_diff.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "model/quantity.h"
#include "tools/redactor.h"

namespace ivcapgen::deploy {

namespace {

bool is_plain_name(std::string_view key) {
  if (key.empty()) return false;
  return std::all_of(key.begin(), key.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-' || c == '$';
  });
}

bool is_empty_value(const Json& v) {
  return v.is_null() || ((v.is_object() || v.is_array()) && v.empty());
}

std::string scalar_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// Equal as Kubernetes would see them: identical, or the same quantity written
// two ways ("1000m" and "1", 2 and "2").
bool same_scalar(const Json& desired, const Json& live) {
  if (desired == live) return true;
  const bool numeric_or_text =
      (desired.is_string() || desired.is_number()) && (live.is_string() || live.is_number());
  if (!numeric_or_text) return false;
  const std::string a = scalar_text(desired), b = scalar_text(live);
  if (a == b) return desired.is_string() != live.is_string() && model::is_quantity(a);
  if (!model::is_quantity(a) || !model::is_quantity(b)) return false;
  return model::canonical_quantity(a) == model::canonical_quantity(b);
}

}  // namespace

const char* list_merge_key(std::string_view field, const Json& items) {
  static constexpr std::pair<std::string_view, const char*> kKeys[] = {
      {"containers", "name"},
      {"initContainers", "name"},
      {"ephemeralContainers", "name"},
      {"env", "name"},
      {"volumes", "name"},
      {"volumeMounts", "mountPath"},
      {"volumeDevices", "devicePath"},
      {"imagePullSecrets", "name"},
      {"hostAliases", "ip"},
      {"resourceClaims", "name"},
  };
  if (field == "ports") {
    const bool container =
        !items.empty() && items[0].is_object() && items[0].contains("containerPort");
    return container ? "containerPort" : "port";
  }
  for (const auto& [name, key] : kKeys) {
    if (name == field) return key;
  }
  return nullptr;
}

namespace {

// The item's value under `key` when it is a scalar, else nullptr.
const Json* key_of(const Json& item, const std::string& key) {
  if (!item.is_object()) return nullptr;
  auto it = item.find(key);
  return it != item.end() && it->is_primitive() ? &*it : nullptr;
}

bool has_key(const Json& item, const std::string& key) {
  return key_of(item, key) != nullptr;
}

std::string item_path(std::string_view path, const std::string& key, const Json& id) {
  return std::string(path) + "[" + key + "=" + scalar_text(id) + "]";
}

std::string index_path(std::string_view path, size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}

// An item of an atomic list, named when it has a name (templates[name=main]).
std::string position_path(std::string_view path, size_t i, const Json& desired, const Json& live) {
  if (has_key(desired, "name") && has_key(live, "name") && desired["name"] == live["name"]) {
    return item_path(path, "name", desired["name"]);
  }
  return index_path(path, i);
}

// The fields a manager owns, as a fieldsV1 tree: {"f:spec": {"f:containers":
// {"k:{\"name\":\"gateway\"}": {"f:image": {}}}}}. A null pointer means
// ownership is not known (the object has no managedFields of ours).
class Ownership {
 public:
  Ownership() = default;
  explicit Ownership(const Json* node) : node_(node) {}
  bool known() const { return node_ != nullptr; }

  Ownership field(std::string_view key) const {
    if (!node_) return {};
    return child("f:" + std::string(key));
  }

  // The item of a list keyed by `key` whose key fields equal those of `item`:
  // k:{"name":"gateway"} looked up directly, else (keys of several fields,
  // such as a port's containerPort and protocol) by comparing each k: entry.
  Ownership item(const std::string& key, const Json& item) const {
    if (!node_) return {};
    if (!node_->is_object() || !item.is_object()) return none();
    if (const Json* id = key_of(item, key)) {
      // As the API server writes it: k:{"name":"gateway"}.
      auto direct = node_->find("k:{" + Json(key).dump() + ":" + id->dump() + "}");
      if (direct != node_->end()) return Ownership(&*direct);
    }
    for (const auto& [k, v] : node_->items()) {
      if (k.rfind("k:", 0) != 0) continue;
      const Json fields = Json::parse(k.substr(2), nullptr, false);
      if (!fields.is_object()) continue;
      bool same = true;
      for (const auto& [field, value] : fields.items()) {
        auto it = item.find(field);
        same = same && it != item.end() && same_scalar(value, *it);
      }
      if (same) return Ownership(&v);
    }
    return none();
  }

  // Whether the manager owns this node (it is listed at all).
  bool owned() const { return node_ != nullptr && node_ != &empty(); }

 private:
  static const Json& empty() {
    static const Json kEmpty = Json::object();
    return kEmpty;
  }
  static Ownership none() { return Ownership(&empty()); }

  Ownership child(const std::string& key) const {
    if (!node_) return {};
    if (!node_->is_object()) return none();
    auto it = node_->find(key);
    return it == node_->end() ? none() : Ownership(&*it);
  }

  const Json* node_ = nullptr;
};

// The fieldsV1 of field manager `manager` (its Apply entry first) among the
// live object's managedFields; nullptr when it has none.
const Json* managed_fields_of(const Json& live, std::string_view manager) {
  auto meta = live.find("metadata");
  if (meta == live.end() || !meta->is_object()) return nullptr;
  auto managed = meta->find("managedFields");
  if (managed == meta->end() || !managed->is_array()) return nullptr;
  const Json* found = nullptr;
  for (const auto& entry : *managed) {
    if (!entry.is_object() || entry.value("manager", "") != manager) continue;
    if (!entry.value("subresource", "").empty()) continue;
    auto fields = entry.find("fieldsV1");
    if (fields == entry.end() || !fields->is_object()) continue;
    if (entry.value("operation", "") == "Apply") return &*fields;
    if (!found) found = &*fields;
  }
  return found;
}

class DeclaredDiff {
 public:
  std::vector<FieldChange> out;

  void compare(const std::string& path, std::string_view field, const Json& desired,
               const Json& live, const Ownership& owned) {
    if (desired.is_object()) {
      if (!live.is_object()) return changed(path, desired, live);
      for (const auto& [key, value] : desired.items()) {
        const std::string p = child_path(path, key);
        auto it = live.find(key);
        if (it == live.end()) {
          if (!is_empty_value(value)) out.push_back({p, std::nullopt, value});
          continue;
        }
        compare(p, key, value, *it, owned.field(key));
      }
      return;
    }
    if (desired.is_array()) {
      if (!live.is_array()) return changed(path, desired, live);
      if (const char* key = list_merge_key(field, desired)) {
        return compare_keyed(path, key, desired, live, owned);
      }
      return compare_atomic(path, desired, live);
    }
    if (!same_scalar(desired, live)) changed(path, desired, live);
  }

 private:
  void changed(const std::string& path, const Json& desired, const Json& live) {
    out.push_back({path, live, desired});
  }

  // A list Kubernetes merges by key: items match by key whatever their order
  // (ports by port and protocol, TCP when not written: DNS serves 53 twice).
  // A live item we do not declare is drift when it is ours (we own it, or
  // ownership is unknown); an item another manager added is not ours to judge.
  // An item of a keyed list, its key as text (8080 and "8080" alike) and
  // its protocol (ports only).
  struct Keyed {
    const Json* item;
    std::string id, protocol;
    bool operator==(const Keyed& o) const { return id == o.id && protocol == o.protocol; }
  };

  static std::vector<Keyed> keyed_items(const Json& list, const std::string& key) {
    const bool by_protocol = key == "port" || key == "containerPort";
    std::vector<Keyed> out;
    out.reserve(list.size());
    for (const auto& item : list) {
      const Json* id = key_of(item, key);
      if (!id) continue;
      std::string protocol;
      if (by_protocol) {
        auto p = item.find("protocol");
        protocol = p != item.end() && p->is_string() ? p->get<std::string>() : "TCP";
      }
      out.push_back({&item, scalar_text(*id), std::move(protocol)});
    }
    return out;
  }

  void compare_keyed(const std::string& path, const std::string& key, const Json& desired,
                     const Json& live, const Ownership& owned) {
    const std::vector<Keyed> wanted = keyed_items(desired, key);
    if (wanted.size() != desired.size()) return compare_atomic(path, desired, live);
    const std::vector<Keyed> seen = keyed_items(live, key);
    for (const auto& d : wanted) {
      const std::string p = item_path(path, key, (*d.item)[key]);
      auto match = std::find(seen.begin(), seen.end(), d);
      if (match == seen.end()) {
        out.push_back({p, std::nullopt, *d.item});
      } else {
        compare(p, "", *d.item, *match->item, owned.item(key, *d.item));
      }
    }
    for (const auto& l : seen) {
      if (std::find(wanted.begin(), wanted.end(), l) != wanted.end()) continue;
      if (owned.known() && !owned.item(key, *l.item).owned()) continue;
      out.push_back({item_path(path, key, (*l.item)[key]), *l.item, std::nullopt});
    }
  }

  // An atomic list: equal item by item, in order.
  void compare_atomic(const std::string& path, const Json& desired, const Json& live) {
    const bool structured = std::any_of(desired.begin(), desired.end(),
                                        [](const Json& i) { return i.is_structured(); });
    if (!structured) {
      bool same = desired.size() == live.size();
      for (size_t i = 0; same && i < desired.size(); ++i) same = same_scalar(desired[i], live[i]);
      if (!same) changed(path, desired, live);
      return;
    }
    for (size_t i = 0; i < desired.size(); ++i) {
      if (i < live.size()) {
        compare(position_path(path, i, desired[i], live[i]), "", desired[i], live[i], Ownership());
      } else {
        out.push_back({index_path(path, i), std::nullopt, desired[i]});
      }
    }
    for (size_t i = desired.size(); i < live.size(); ++i) {
      out.push_back({index_path(path, i), live[i], std::nullopt});
    }
  }
};

void full_diff(const std::string& path, const Json* before, const Json* after,
               std::vector<FieldChange>& out) {
  if (before && after && *before == *after) return;
  if (before && after && before->is_object() && after->is_object()) {
    for (const auto& [key, value] : before->items()) {
      auto it = after->find(key);
      full_diff(child_path(path, key), &value, it == after->end() ? nullptr : &*it, out);
    }
    for (const auto& [key, value] : after->items()) {
      if (!before->contains(key)) full_diff(child_path(path, key), nullptr, &value, out);
    }
    return;
  }
  if (before && after && before->is_array() && after->is_array()) {
    const bool structured =
        std::any_of(before->begin(), before->end(),
                    [](const Json& i) { return i.is_structured(); }) ||
        std::any_of(after->begin(), after->end(), [](const Json& i) { return i.is_structured(); });
    if (structured) {
      const size_t n = std::max(before->size(), after->size());
      for (size_t i = 0; i < n; ++i) {
        full_diff(index_path(path, i), i < before->size() ? &(*before)[i] : nullptr,
                  i < after->size() ? &(*after)[i] : nullptr, out);
      }
      return;
    }
  }
  FieldChange c{path, std::nullopt, std::nullopt};
  if (before) c.before = *before;
  if (after) c.after = *after;
  out.push_back(std::move(c));
}

const tools::Redactor& secret_names() {
  static const tools::Redactor names = [] {
    tools::Redactor r;
    // camelCase spellings that the underscore patterns miss.
    for (const char* p : {"*PRIVATEKEY*", "*APIKEY*", "*ACCESSKEY*", "*SECRETKEY*", "*AUTHKEY*",
                          "*CLIENTSECRET*", "*CONNECTIONSTRING*", "*CONNECTION_STRING*"}) {
      r.add_name_pattern(p);
    }
    return r;
  }();
  return names;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) !=
        std::tolower(static_cast<unsigned char>(suffix[i])))
      return false;
  }
  return true;
}

// The key names and item names along a dotted path.
std::vector<std::string> path_names(std::string_view path) {
  std::vector<std::string> names;
  size_t i = 0;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) names.push_back(current);
    current.clear();
  };
  while (i < path.size()) {
    const char c = path[i];
    if (c == '.') {
      flush();
      ++i;
    } else if (c == '[') {
      flush();
      const size_t end = path.find(']', i);
      std::string inner(path.substr(i + 1, end == std::string_view::npos ? end : end - i - 1));
      if (inner.size() >= 2 && inner.front() == '"') inner = inner.substr(1, inner.size() - 2);
      if (auto eq = inner.find('='); eq != std::string::npos) inner = inner.substr(eq + 1);
      names.push_back(inner);
      i = end == std::string_view::npos ? path.size() : end + 1;
    } else {
      current += c;
      ++i;
    }
  }
  flush();
  return names;
}

}  // namespace

std::string child_path(std::string_view path, std::string_view key) {
  if (is_plain_name(key)) {
    return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
  }
  return std::string(path) + "[" + Json(std::string(key)).dump() + "]";
}

std::vector<FieldChange> diff_declared(const Json& desired, const Json& live) {
  DeclaredDiff d;
  d.compare("", "", desired, live, Ownership(managed_fields_of(live, kFieldManager)));
  return std::move(d.out);
}

bool equivalent_scalars(const Json& desired, const Json& live) {
  return same_scalar(desired, live);
}

std::vector<FieldChange> diff_full(const Json& before, const Json& after) {
  std::vector<FieldChange> out;
  full_diff("", &before, &after, out);
  return out;
}

bool is_secret_key(std::string_view key) {
  for (std::string_view ref : {"Ref", "Name", "Names", "existingSecret", "SecretName"}) {
    if (ends_with_ci(key, ref)) return false;
  }
  return secret_names().is_secret_name(key);
}

bool is_secret_path(std::string_view path) {
  for (const auto& name : path_names(path)) {
    if (is_secret_key(name)) return true;
  }
  return false;
}

Json mask_secret_values(const Json& value) {
  if (value.is_array()) {
    Json out = Json::array();
    for (const auto& item : value) out.push_back(mask_secret_values(item));
    return out;
  }
  if (!value.is_object()) return value;
  const bool named_secret = value.contains("name") && value["name"].is_string() &&
                            is_secret_key(value["name"].get<std::string>());
  Json out = Json::object();
  for (const auto& [key, v] : value.items()) {
    if (is_secret_key(key) || (named_secret && key == "value")) {
      out[key] = std::string(kSensitiveValue);
    } else {
      out[key] = mask_secret_values(v);
    }
  }
  return out;
}

void mask_secrets(std::vector<FieldChange>& changes) {
  for (auto& c : changes) {
    const bool secret = is_secret_path(c.path);
    for (auto* side : {&c.before, &c.after}) {
      if (!*side) continue;
      **side = secret ? Json(std::string(kSensitiveValue)) : mask_secret_values(**side);
    }
  }
}

}  // namespace ivcapgen::deploy
