#pragma once
// Declared Kubernetes objects as an API server returns them after ivcapgen
// applied them: uid, managedFields of field manager ivcapgen (fieldsV1 of
// every declared field), server defaults, status, the lists Kubernetes
// merges by key in another order, quantities in another spelling. For the
// drift tests and the drift benchmark; header-only, no test framework.
#include <algorithm>
#include <string>
#include <string_view>

#include "deploy/desired_state.h"
#include "deploy/field_diff.h"

namespace ivcapgen::testing {

using deploy::Json;

// The fieldsV1 of what ivcapgen applies: every declared field, keyed list
// items by their key (ports also by protocol, as the API server keys them).
inline Json fields_v1(const Json& value, std::string_view field = "") {
  Json out = Json::object();
  if (value.is_object()) {
    for (const auto& [k, v] : value.items()) out["f:" + k] = fields_v1(v, k);
  } else if (value.is_array()) {
    const char* key = deploy::list_merge_key(field, value);
    if (!key) return out;
    for (const auto& item : value) {
      if (!item.is_object() || !item.contains(key)) continue;
      Json id = {{key, item[key]}};
      if (field == "ports") id["protocol"] = item.value("protocol", std::string("TCP"));
      Json sub = fields_v1(item);
      sub["."] = Json::object();
      out["k:" + id.dump()] = std::move(sub);
    }
  }
  return out;
}

// "2" → "2000m", "1Gi" → "1024Mi", "500m" → "0.5": the same quantity spelt
// as the API server might return it.
inline Json respelt(const Json& q) {
  if (q.is_number_integer()) return std::to_string(q.get<long long>() * 1000) + "m";
  if (!q.is_string()) return q;
  const std::string s = q.get<std::string>();
  if (s.size() > 2 && s.substr(s.size() - 2) == "Gi") {
    return std::to_string(std::stoll(s.substr(0, s.size() - 2)) * 1024) + "Mi";
  }
  if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos) return s + "000m";
  return s;
}

// The server's additions below a value: defaults in containers and ports,
// respelt resource quantities, keyed lists reversed.
inline void decorate(Json& value, std::string_view field = "") {
  if (value.is_object()) {
    for (auto& [k, v] : value.items()) {
      if ((k == "limits" || k == "requests") && v.is_object()) {
        for (auto& [_, q] : v.items()) q = respelt(q);
        continue;
      }
      decorate(v, k);
    }
    return;
  }
  if (!value.is_array()) return;
  const bool keyed = deploy::list_merge_key(field, value) != nullptr;
  for (auto& item : value) {
    decorate(item);
    if (!item.is_object()) continue;
    if (field == "containers" || field == "initContainers") {
      item["terminationMessagePath"] = "/dev/termination-log";
      item["terminationMessagePolicy"] = "File";
      if (!item.contains("imagePullPolicy")) item["imagePullPolicy"] = "IfNotPresent";
    }
    if (field == "ports" && !item.contains("protocol")) item["protocol"] = "TCP";
  }
  if (keyed) std::reverse(value.begin(), value.end());
}

// A declared object as `kubectl get -o json` shows it after ivcapgen applied it.
inline Json server_view(const deploy::DesiredObject& o) {
  Json j = o.object;
  decorate(j);
  auto& meta = j["metadata"];
  meta["uid"] = "uid-" + o.name;
  meta["resourceVersion"] = "48213377";
  meta["generation"] = 2;
  meta["creationTimestamp"] = "2026-11-02T09:14:51Z";
  meta["managedFields"] =
      Json::array({{{"manager", "ivcapgen"},
                    {"operation", "Apply"},
                    {"apiVersion", o.api_version},
                    {"fieldsType", "FieldsV1"},
                    {"fieldsV1", fields_v1(o.object)}},
                   {{"manager", "kube-controller-manager"},
                    {"operation", "Update"},
                    {"subresource", "status"},
                    {"fieldsType", "FieldsV1"},
                    {"fieldsV1", {{"f:status", {{"f:observedGeneration", Json::object()}}}}}}});
  if (o.kind == "Namespace") {
    j["status"] = {{"phase", "Active"}};
    j["spec"]["finalizers"] = {"kubernetes"};
  } else if (o.kind == "Deployment") {
    j["spec"]["progressDeadlineSeconds"] = 600;
    j["spec"]["revisionHistoryLimit"] = 10;
    j["status"] = {{"observedGeneration", 2}, {"replicas", 2}, {"readyReplicas", 2}};
  }
  return j;
}

}  // namespace ivcapgen::testing
