#include "deploy/local/drift_report.h"

#include <algorithm>

namespace ivcapgen::deploy::local {

bool DriftReport::drifted() const {
  return std::any_of(items.begin(), items.end(), [](const DriftItem& i) { return !i.in_sync(); });
}

std::vector<std::string> DriftReport::drifted_keys() const {
  std::vector<std::string> out;
  for (const auto& i : items) {
    if (!i.in_sync()) out.push_back(i.key);
  }
  return out;
}

const DriftItem* DriftReport::find(const std::string& key) const {
  for (const auto& i : items) {
    if (i.key == key) return &i;
  }
  return nullptr;
}

}  // namespace ivcapgen::deploy::local
