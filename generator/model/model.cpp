#include "model/model.h"

#include <algorithm>

#include "support/digest.h"

namespace ivcapgen::model {

const Service* Model::find_service(std::string_view name) const {
  auto it = std::find_if(services.begin(), services.end(),
                         [&](const Service& s) { return s.name() == name; });
  return it == services.end() ? nullptr : &*it;
}

std::string project_object_name(std::string_view project) {
  std::string out(project);
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

std::string service_object_name(const Model& m, const Service& s) {
  return project_object_name(*m.env().project) + "-" + s.name();
}

std::string service_context_root(const Model& m, const Service& s) {
  return "/" + *m.env().project + "-" + s.name();
}

std::string derive_service_id(std::string_view project, std::string_view name) {
  std::string key = std::string(project) + "/" + std::string(name);
  return "urn:ivcap:service:" + support::uuid_v5(support::kUuidNamespaceDns, key);
}

}  // namespace ivcapgen::model
