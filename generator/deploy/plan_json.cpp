#include "deploy/plan_json.h"

namespace ivcapgen::deploy {

namespace {

Json summary_json(const PlanSummary& s) {
  return {{"create", s.create},
          {"update", s.update},
          {"delete", s.remove},
          {"replace", s.replace},
          {"noop", s.noop}};
}

Json change_json(const PlannedChange& c) {
  Json diff = Json::array();
  for (const auto& f : c.diff) {
    Json d = {{"path", f.path}};
    if (f.before) d["before"] = *f.before;
    if (f.after) d["after"] = *f.after;
    diff.push_back(std::move(d));
  }
  Json j = {{"address", c.address}, {"action", std::string(action_name(c.action))}};
  if (!c.reason.empty()) j["reason"] = c.reason;
  j["diff"] = std::move(diff);
  return j;
}

}  // namespace

Json plan_to_json(const Plan& plan) {
  Json waves = Json::array();
  for (const auto& w : plan.waves) {
    Json changes = Json::array();
    for (const auto& c : w.changes) changes.push_back(change_json(c));
    Json j = {{"wave", w.wave}, {"name", w.name}, {"layer", w.layer}};
    if (!w.notes.empty()) j["notes"] = w.notes;
    j["changes"] = std::move(changes);
    waves.push_back(std::move(j));
  }
  return {{"formatVersion", kPlanFormatVersion},
          {"environment", plan.environment},
          {"serial", plan.serial},
          {"lineage", plan.lineage},
          {"manifestSha256", plan.manifest_sha256},
          {"summary", summary_json(plan.summary())},
          {"waves", std::move(waves)}};
}

tools::ToolResult<Plan> plan_from_json(const Json& json) {
  try {
    if (!json.is_object()) return tools::ToolError{"a plan is a JSON object", {}};
    const int version = json.at("formatVersion").get<int>();
    if (version != kPlanFormatVersion) {
      return tools::ToolError{"plan format version " + std::to_string(version) +
                                  " is not supported (this ivcapgen reads version " +
                                  std::to_string(kPlanFormatVersion) + ")",
                              {}};
    }
    Plan plan;
    plan.environment = json.at("environment").get<std::string>();
    plan.serial = json.at("serial").get<int64_t>();
    plan.lineage = json.at("lineage").get<std::string>();
    plan.manifest_sha256 = json.value("manifestSha256", "");
    for (const auto& w : json.at("waves")) {
      WavePlan wave;
      wave.wave = w.at("wave").get<int>();
      wave.name = w.value("name", "");
      wave.layer = w.value("layer", "");
      if (w.contains("notes")) wave.notes = w["notes"].get<std::vector<std::string>>();
      for (const auto& c : w.at("changes")) {
        PlannedChange change;
        change.address = c.at("address").get<std::string>();
        const auto action = parse_action(c.at("action").get<std::string>());
        if (!action) {
          return tools::ToolError{
              "unknown action '" + c["action"].get<std::string>() + "' for " + change.address, {}};
        }
        change.action = *action;
        change.reason = c.value("reason", "");
        for (const auto& d : c.value("diff", Json::array())) {
          FieldChange f{d.at("path").get<std::string>(), std::nullopt, std::nullopt};
          if (d.contains("before")) f.before = d["before"];
          if (d.contains("after")) f.after = d["after"];
          change.diff.push_back(std::move(f));
        }
        wave.changes.push_back(std::move(change));
      }
      plan.waves.push_back(std::move(wave));
    }
    return plan;
  } catch (const std::exception& e) {
    return tools::ToolError{std::string("malformed plan: ") + e.what(), {}};
  }
}

}  // namespace ivcapgen::deploy
