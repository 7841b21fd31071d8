#include "emit/helm/values_merge.h"

namespace ivcapgen::emit::helm {

Json merge_helm_values(Json base, const Json& overlay) {
  if (!base.is_object() || !overlay.is_object()) return overlay;
  for (const auto& [key, value] : overlay.items()) {
    auto it = base.find(key);
    if (it != base.end() && it->is_object() && value.is_object()) {
      *it = merge_helm_values(std::move(*it), value);
    } else {
      base[key] = value;
    }
  }
  return base;
}

}  // namespace ivcapgen::emit::helm
