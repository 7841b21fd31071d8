#include "deploy/registration_changes.h"

#include <set>

#include "deploy/field_diff.h"

namespace ivcapgen::deploy {

InventoryEntry registration_entry(const DesiredService& service) {
  InventoryEntry e;
  e.hash = service.hash;
  e.wave = service.wave;
  Json document = Json::parse(service.document, nullptr, false);
  e.details = {{"name", service.name},
               {"file", service.file},
               {"document", document.is_discarded() ? Json() : document}};
  return e;
}

std::vector<PlannedChange> registration_changes(const DesiredState& desired, const State& state) {
  std::vector<PlannedChange> out;
  std::set<std::string> declared;
  for (const auto& s : desired.services) {
    declared.insert(s.key());
    PlannedChange c;
    c.address = s.address();
    c.key = s.key();
    auto it = state.inventory.find(s.key());
    if (it == state.inventory.end()) {
      c.action = Action::Create;
    } else if (it->second.hash == s.hash) {
      c.action = Action::NoOp;
    } else {
      c.action = Action::Update;
      const Json before = it->second.details.value("document", Json::object());
      const Json after = Json::parse(s.document, nullptr, false);
      if (!after.is_discarded()) c.diff = diff_full(before, after);
      mask_secrets(c.diff);
      if (c.diff.empty()) c.reason = s.file + " changed";
    }
    out.push_back(std::move(c));
  }
  for (const auto& [key, entry] : state.inventory) {
    if (key.rfind("service/", 0) != 0 || declared.count(key)) continue;
    PlannedChange c;
    c.address = "service " + entry.details.value("name", key.substr(8));
    c.key = key;
    c.action = Action::Delete;
    c.reason = "no longer in the build";
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace ivcapgen::deploy
