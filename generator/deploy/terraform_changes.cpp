#include "deploy/terraform_changes.h"

#include <algorithm>

#include "deploy/desired_state.h"
#include "deploy/field_diff.h"

namespace ivcapgen::deploy {

namespace {

// Marks a changed sensitive value on the after side, so that the diff sees a
// difference; replaced by kSensitiveValue before anyone sees it.
constexpr std::string_view kChangedSensitive = "\x01sensitive-changed";

const Json& member(const Json& j, const std::string& key) {
  static const Json kNull;
  if (j.is_object()) {
    auto it = j.find(key);
    if (it != j.end()) return *it;
  }
  return kNull;
}

const Json& element(const Json& j, size_t i) {
  static const Json kNull;
  return j.is_array() && i < j.size() ? j[i] : kNull;
}

bool is_true(const Json& j) {
  return j.is_boolean() && j.get<bool>();
}

bool contains_true(const Json& j) {
  if (is_true(j)) return true;
  if (j.is_structured()) {
    for (const auto& v : j) {
      if (contains_true(v)) return true;
    }
  }
  return false;
}

// Replaces sensitive values (per Terraform's before_sensitive/after_sensitive
// trees) on both sides.
void mask_sensitive(Json* before, Json* after, const Json& before_map, const Json& after_map) {
  if (is_true(before_map) || is_true(after_map)) {
    const Json b = before ? *before : Json();
    const Json a = after ? *after : Json();
    if (before && !before->is_null()) *before = std::string(kSensitiveValue);
    if (after && !after->is_null()) {
      *after = std::string(a == b ? kSensitiveValue : kChangedSensitive);
    }
    return;
  }
  if (before_map.is_object() || after_map.is_object()) {
    std::vector<std::string> keys;
    for (const Json* m : {&before_map, &after_map}) {
      if (!m->is_object()) continue;
      for (const auto& [k, _] : m->items()) {
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
      }
    }
    for (const auto& k : keys) {
      Json* b = before && before->is_object() && before->contains(k) ? &(*before)[k] : nullptr;
      Json* a = after && after->is_object() && after->contains(k) ? &(*after)[k] : nullptr;
      mask_sensitive(b, a, member(before_map, k), member(after_map, k));
    }
    return;
  }
  if (before_map.is_array() || after_map.is_array()) {
    const size_t n = std::max(before_map.is_array() ? before_map.size() : 0,
                              after_map.is_array() ? after_map.size() : 0);
    for (size_t i = 0; i < n; ++i) {
      Json* b = before && before->is_array() && i < before->size() ? &(*before)[i] : nullptr;
      Json* a = after && after->is_array() && i < after->size() ? &(*after)[i] : nullptr;
      mask_sensitive(b, a, element(before_map, i), element(after_map, i));
    }
  }
}

void mark_unknown(Json& after, const Json& unknown) {
  if (is_true(unknown)) {
    after = std::string(kKnownAfterApply);
    return;
  }
  if (unknown.is_object()) {
    if (!after.is_object()) after = Json::object();
    for (const auto& [k, u] : unknown.items()) {
      if (contains_true(u)) mark_unknown(after[k], u);
    }
  } else if (unknown.is_array()) {
    if (!after.is_array()) after = Json::array();
    for (size_t i = 0; i < unknown.size(); ++i) {
      if (!contains_true(unknown[i])) continue;
      while (after.size() <= i) after.push_back(nullptr);
      mark_unknown(after[i], unknown[i]);
    }
  }
}

Json unmark(const Json& v) {
  if (v.is_string() && v.get<std::string>() == kChangedSensitive)
    return std::string(kSensitiveValue);
  if (v.is_array()) {
    Json out = Json::array();
    for (const auto& i : v) out.push_back(unmark(i));
    return out;
  }
  if (v.is_object()) {
    Json out = Json::object();
    for (const auto& [k, i] : v.items()) out[k] = unmark(i);
    return out;
  }
  return v;
}

Action to_action(const std::string& action) {
  if (action == "create") return Action::Create;
  if (action == "update") return Action::Update;
  if (action == "delete") return Action::Delete;
  if (action == "replace") return Action::Replace;
  return Action::NoOp;
}

const Json* raw_change(const Json& document, const std::string& address,
                       const char* section = "resource_changes") {
  const Json& changes = member(document, section);
  if (!changes.is_array()) return nullptr;
  for (const auto& rc : changes) {
    if (rc.value("address", "") == address) return &rc;
  }
  return nullptr;
}

std::vector<FieldChange> field_changes(const Json& change, Action action) {
  if (action == Action::Delete || action == Action::NoOp) return {};
  Json before = action == Action::Create ? Json() : member(change, "before");
  if (action != Action::Create && !before.is_object()) before = Json::object();
  Json after = member(change, "after");
  if (!after.is_object()) after = Json::object();
  mark_unknown(after, member(change, "after_unknown"));
  mask_sensitive(&before, &after, member(change, "before_sensitive"),
                 member(change, "after_sensitive"));
  std::vector<FieldChange> out;
  if (action == Action::Create) {
    for (const auto& [key, value] : after.items()) {
      if (value.is_null() || ((value.is_object() || value.is_array()) && value.empty())) continue;
      out.push_back({child_path("", key), std::nullopt, unmark(value)});
    }
  } else if (!before.is_object() || !after.is_object()) {
    // The whole resource is sensitive: say whether it changes, nothing more.
    if (before != after) out.push_back({"(all attributes)", unmark(before), unmark(after)});
  } else {
    for (auto& c : diff_full(before, after)) {
      if (c.before) c.before = unmark(*c.before);
      if (c.after) c.after = unmark(*c.after);
      out.push_back(std::move(c));
    }
  }
  // Attribute names such as `password` are masked even when the provider
  // forgot to mark them.
  mask_secrets(out);
  return out;
}

std::string replace_reason(const Json& rc) {
  std::vector<std::string> paths;
  const Json& replace_paths = member(member(rc, "change"), "replace_paths");
  if (replace_paths.is_array()) {
    for (const auto& p : replace_paths) {
      std::string path;
      if (p.is_array()) {
        for (const auto& step : p) {
          path = step.is_string() ? child_path(path, step.get<std::string>())
                                  : path + "[" + step.dump() + "]";
        }
      }
      if (!path.empty()) paths.push_back(path);
    }
  }
  if (paths.empty()) return "Terraform must replace it";
  std::string s = "cannot be updated in place: ";
  for (size_t i = 0; i < paths.size(); ++i) s += (i ? ", " : "") + paths[i];
  return s;
}

}  // namespace

std::vector<PlannedChange> terraform_changes(const tools::TerraformPlanDocument& document) {
  // One conversion: the adapter keeps the document as nlohmann::json.
  const Json raw_document = document.document;
  std::vector<PlannedChange> out;
  for (const auto& rc : document.resource_changes) {
    if (rc.mode == "data") continue;
    const std::string action = rc.action();
    if (action == "read") continue;
    PlannedChange c;
    c.address = rc.address;
    c.action = to_action(action);
    if (const Json* raw = raw_change(raw_document, rc.address)) {
      c.diff = field_changes(member(*raw, "change"), c.action);
      if (c.action == Action::Replace) c.reason = replace_reason(*raw);
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<PlannedChange> terraform_drift_changes(const tools::TerraformPlanDocument& document) {
  const Json raw_document = document.document;
  std::vector<PlannedChange> out;
  for (const auto& rc : document.resource_drift) {
    if (rc.mode == "data") continue;
    const std::string action = rc.action();
    if (action != "update" && action != "delete" && action != "replace") continue;
    PlannedChange c;
    c.address = rc.address;
    c.key = "terraform/" + rc.address;
    c.action = action == "delete" ? Action::Create : Action::Update;
    c.reason = action == "delete" ? "deleted outside Terraform" : "changed outside Terraform";
    if (const Json* raw = raw_change(raw_document, rc.address, "resource_drift")) {
      // Terraform's before is what it applied, after what it read: swapped,
      // the diff runs from the live value to the declared one.
      const Json& change = member(*raw, "change");
      const Json live_first = {{"before", member(change, "after")},
                               {"after", member(change, "before")},
                               {"before_sensitive", member(change, "after_sensitive")},
                               {"after_sensitive", member(change, "before_sensitive")}};
      c.diff = field_changes(live_first, c.action);
      c.live_hash = json_hash(member(change, "after"));
      c.desired_hash = json_hash(member(change, "before"));
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::string> terraform_notes(const tools::TerraformPlanDocument& document) {
  std::vector<std::string> notes;
  std::vector<std::string> drifted;
  for (const auto& rc : document.resource_drift) {
    if (rc.mode != "data") drifted.push_back(rc.address);
  }
  if (!drifted.empty()) {
    std::string s = std::to_string(drifted.size()) + " resource" +
                    (drifted.size() == 1 ? " was" : "s were") +
                    " changed outside Terraform since the last apply: ";
    for (size_t i = 0; i < drifted.size(); ++i) s += (i ? ", " : "") + drifted[i];
    notes.push_back(s);
  }
  return notes;
}

}  // namespace ivcapgen::deploy
