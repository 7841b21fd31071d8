#include "deploy/readiness.h"

namespace ivcapgen::deploy {

namespace {

constexpr size_t kPodsShown = 3;
constexpr size_t kEventsShown = 5;

std::string text_at(const nlohmann::json& j, const char* pointer) {
  const nlohmann::json::json_pointer p(pointer);
  return j.contains(p) && j.at(p).is_string() ? j.at(p).get<std::string>() : std::string();
}

bool pod_ready(const nlohmann::json& pod) {
  const auto conditions = pod.value("/status/conditions"_json_pointer, nlohmann::json::array());
  for (const auto& c : conditions) {
    if (c.value("type", "") == "Ready") return c.value("status", "") == "True";
  }
  return false;
}

std::string container_state(const nlohmann::json& status) {
  const std::string name = status.value("name", "?");
  const auto state = status.value("state", nlohmann::json::object());
  for (const char* kind : {"waiting", "terminated"}) {
    if (!state.contains(kind)) continue;
    const auto& s = state[kind];
    std::string line = "container " + name + " " + kind + ": " + s.value("reason", "unknown");
    if (s.contains("exitCode")) line += " (exit code " + s["exitCode"].dump() + ")";
    const std::string message = s.value("message", "");
    if (!message.empty()) line += " (" + message.substr(0, 200) + ")";
    return line;
  }
  if (state.contains("running") && !status.value("ready", false)) {
    return "container " + name + " running but not ready (readiness probe failing)";
  }
  return {};
}

void add_events(tools::Kubectl& kubectl, const std::string& ns, const std::string& name,
                std::vector<std::string>& out) {
  auto events = kubectl.events_for(ns, name);
  if (!events) {
    out.push_back("events of " + name + " could not be read: " + events.error().message);
    return;
  }
  const size_t first = events->size() > kEventsShown ? events->size() - kEventsShown : 0;
  for (size_t i = first; i < events->size(); ++i)
    out.push_back("event: " + (*events)[i].to_string());
}

}  // namespace

std::string label_selector(const Json& labels) {
  if (!labels.is_object()) return {};
  std::string s;
  for (const auto& [k, v] : labels.items()) {
    if (!v.is_string()) continue;
    if (!s.empty()) s += ",";
    s += k + "=" + v.get<std::string>();
  }
  return s;
}

std::string workload_selector(const Json& object) {
  const Json::json_pointer p("/spec/selector/matchLabels");
  return object.contains(p) ? label_selector(object.at(p)) : std::string();
}

std::string describe_unready_pod(const nlohmann::json& pod) {
  if (pod_ready(pod)) return {};
  std::string line =
      "pod " + text_at(pod, "/metadata/name") + ": " +
      (text_at(pod, "/status/phase").empty() ? "Unknown" : text_at(pod, "/status/phase"));
  const std::string reason = text_at(pod, "/status/reason");
  if (!reason.empty()) line += " (" + reason + ")";
  for (const char* list : {"/status/initContainerStatuses", "/status/containerStatuses"}) {
    const auto statuses = pod.value(nlohmann::json::json_pointer(list), nlohmann::json::array());
    for (const auto& s : statuses) {
      if (auto state = container_state(s); !state.empty()) line += "; " + state;
    }
  }
  const auto conditions = pod.value("/status/conditions"_json_pointer, nlohmann::json::array());
  for (const auto& c : conditions) {
    if (c.value("type", "") == "PodScheduled" && c.value("status", "") == "False") {
      line += "; not scheduled: " + c.value("message", c.value("reason", ""));
    }
  }
  return line;
}

std::vector<std::string> readiness_evidence(tools::Kubectl& kubectl, const std::string& ns,
                                            const std::string& object_name,
                                            const std::string& selector) {
  std::vector<std::string> out;
  add_events(kubectl, ns, object_name, out);
  if (selector.empty()) return out;
  tools::KubeQuery query;
  query.kinds = {"pod"};
  query.ns = ns;
  query.selector = selector;
  auto pods = kubectl.get(query);
  if (!pods) {
    out.push_back("pods (" + selector + ") could not be listed: " + pods.error().message);
    return out;
  }
  if (pods->empty()) {
    out.push_back("no pods match " + selector +
                  " (were they refused? a quota, a LimitRange or Pod Security admission)");
    return out;
  }
  size_t shown = 0;
  for (const auto& pod : *pods) {
    const std::string line = describe_unready_pod(pod);
    if (line.empty()) continue;
    if (shown++ == kPodsShown) {
      out.push_back("(more pods are not ready)");
      break;
    }
    out.push_back(line);
    add_events(kubectl, ns, text_at(pod, "/metadata/name"), out);
  }
  return out;
}

}  // namespace ivcapgen::deploy
