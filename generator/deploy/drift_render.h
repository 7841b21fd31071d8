#pragma once
// How `drift` and `reconcile` show drift: a Plan read as "what is
// out of place" (create = missing, update/replace = modified, delete =
// unexpected; Helm releases whose chart or values changed and Terraform
// drift have categories of their own), rendered as text for a terminal, Markdown for a PR or issue
// comment, or versioned JSON for scripts. Provider-neutral: the local and the
// cloud targets both describe drift as a Plan (deploy/target.h).
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "deploy/plan.h"

namespace ivcapgen::deploy {

inline constexpr int kDriftFormatVersion = 1;

// "missing", "modified", "unexpected" ("" for a no-op).
std::string_view drift_kind(Action action);

// The category a report shows a drifted thing under: the drift kind, except
// "chart" (a release's chart or chart version changed), "values" (only its
// values changed) and "infrastructure" (Terraform saw a change outside it).
std::string_view drift_category(const WavePlan& wave, const PlannedChange& change);

struct DriftCounts {
  int missing = 0, modified = 0, unexpected = 0;
  int chart = 0, values = 0, infrastructure = 0;
  int total() const { return missing + modified + unexpected + chart + values + infrastructure; }
};
DriftCounts count_drift(const Plan& plan);

std::string render_drift_text(const Plan& plan, std::string_view provider);
std::string render_drift_markdown(const Plan& plan, std::string_view provider);
nlohmann::ordered_json drift_json(const Plan& plan, std::string_view provider);

}  // namespace ivcapgen::deploy
