#include "deploy/helm_changes.h"

#include <set>

#include "deploy/field_diff.h"

namespace ivcapgen::deploy {

namespace {

PlannedChange create_change(const DesiredRelease& r) {
  PlannedChange c;
  c.address = r.address();
  c.key = r.key();
  c.action = Action::Create;
  c.diff.push_back({"chart", std::nullopt, r.repo.empty() ? r.chart : r.repo + " " + r.chart});
  c.diff.push_back({"version", std::nullopt, r.version});
  c.reason = "not installed; values from " + r.values_file;
  c.desired_hash = r.hash;
  return c;
}

}  // namespace

tools::HelmUpgradeRequest upgrade_request(const DesiredRelease& r,
                                          const std::filesystem::path& desired_dir,
                                          std::chrono::seconds timeout) {
  tools::HelmUpgradeRequest request;
  request.release = r.name;
  request.ns = r.ns;
  const bool oci = r.repo.rfind("oci://", 0) == 0;
  request.chart.ref = oci ? r.repo + "/" + r.chart : r.chart;
  request.chart.repo = oci ? std::string() : r.repo;
  request.chart.version = r.version;
  request.values_files = {desired_dir / r.values_file};
  request.timeout = timeout;
  return request;
}

InventoryEntry release_inventory_entry(const DesiredRelease& r, int revision) {
  InventoryEntry e;
  e.hash = r.hash;
  e.wave = 3;
  e.details = {{"chart", r.chart}, {"version", r.version}, {"namespace", r.ns}};
  if (revision > 0) e.details["revision"] = revision;
  return e;
}

std::optional<std::pair<std::string, std::string>> parse_helm_key(std::string_view key) {
  if (key.substr(0, 5) != "helm/") return std::nullopt;
  const std::string rest(key.substr(5));
  const size_t slash = rest.find('/');
  if (slash == std::string::npos) return std::nullopt;
  return std::make_pair(rest.substr(0, slash), rest.substr(slash + 1));
}

PlannedChange compare_release(const DesiredRelease& desired,
                              const std::optional<tools::HelmRelease>& status,
                              const nlohmann::json& live_values) {
  if (!status) return create_change(desired);
  PlannedChange c;
  c.address = desired.address();
  c.key = desired.key();
  if (!status->chart.empty() && status->chart != desired.chart) {
    c.diff.push_back({"chart", status->chart, desired.chart});
  }
  if (status->chart_version != desired.version) {
    c.diff.push_back({"version", status->chart_version, desired.version});
  }
  if (status->status != "deployed") {
    c.diff.push_back({"status", status->status, std::string("deployed")});
  }
  // Wrapped, so that the paths read values.controller.replicaCount.
  const Json live = {{"values", live_values.is_object() ? Json(live_values) : Json::object()}};
  const Json wanted = {{"values", desired.values}};
  for (auto& v : diff_full(live, wanted)) c.diff.push_back(std::move(v));
  mask_secrets(c.diff);
  c.action = c.diff.empty() ? Action::NoOp : Action::Update;
  if (c.action != Action::NoOp) {
    c.live_hash = json_hash({{"chart", status->chart},
                             {"version", status->chart_version},
                             {"status", status->status},
                             {"values", live["values"]}});
    c.desired_hash = desired.hash;
  }
  return c;
}

tools::ToolResult<std::vector<PlannedChange>> helm_changes(tools::Helm& helm,
                                                           const DesiredState& desired,
                                                           const State& state) {
  std::vector<PlannedChange> out;
  std::set<std::string> declared;
  for (const auto& r : desired.releases) {
    declared.insert(r.key());
    auto status = helm.status(r.name, r.ns);
    if (!status) return status.error();
    nlohmann::json values = nlohmann::json::object();
    if (status->has_value()) {
      auto live = helm.get_values(r.name, r.ns);
      if (!live) return live.error();
      if (live->has_value()) values = std::move(**live);
    }
    out.push_back(compare_release(r, *status, values));
  }
  for (const auto& [key, entry] : state.inventory) {
    auto release = parse_helm_key(key);
    if (!release || declared.count(key)) continue;
    auto status = helm.status(release->second, release->first);
    if (!status) return status.error();
    if (!status->has_value()) continue;  // already gone
    PlannedChange c;
    c.address = "release " + release->first + "/" + release->second;
    c.key = key;
    c.action = Action::Delete;
    c.reason = "the component is no longer enabled";
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<PlannedChange> helm_creates(const DesiredState& desired) {
  std::vector<PlannedChange> out;
  for (const auto& r : desired.releases) out.push_back(create_change(r));
  return out;
}

}  // namespace ivcapgen::deploy
