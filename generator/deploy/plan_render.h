#pragma once
// Printers of a plan: the terminal form (`+ ~ - ±` per change and per
// field, colour only when asked for) and the Markdown form for a pull
// request comment (a summary table per wave, the field diffs in <details>
// blocks). Both mask secret-looking values again, whatever the plan holds.
#include <string>

#include "deploy/plan.h"

namespace ivcapgen::deploy {

struct TextRenderOptions {
  bool color = false;
};

std::string render_plan_text(const Plan& plan, const TextRenderOptions& options = {});
std::string render_plan_markdown(const Plan& plan);

// "Plan: 3 to create, 1 to update, 0 to replace, 1 to delete; 40 unchanged."
std::string plan_summary_line(const PlanSummary& summary);
// A value as the printers show it: JSON, shortened past `max_chars`.
std::string render_value(const Json& value, size_t max_chars = 200);

}  // namespace ivcapgen::deploy
