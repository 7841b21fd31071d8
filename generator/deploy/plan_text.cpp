// The terminal printer of plans (plan_render.h), in the manner of
// `terraform plan`: changes grouped by wave, one symbol per action.
#include <sstream>

#include "deploy/field_diff.h"
#include "deploy/plan_render.h"

namespace ivcapgen::deploy {

namespace {

const char* color_of(Action a) {
  switch (a) {
    case Action::Create:
      return "\033[32m";
    case Action::Update:
      return "\033[33m";
    case Action::Replace:
      return "\033[35m";
    case Action::Delete:
      return "\033[31m";
    case Action::NoOp:
      break;
  }
  return "";
}

class TextPrinter {
 public:
  explicit TextPrinter(bool color) : color_(color) {}

  std::string paint(Action a, std::string_view text) const {
    if (!color_ || a == Action::NoOp) return std::string(text);
    return std::string(color_of(a)) + std::string(text) + "\033[0m";
  }
  std::string bold(std::string_view text) const {
    return color_ ? "\033[1m" + std::string(text) + "\033[0m" : std::string(text);
  }

  void field(std::ostringstream& out, const FieldChange& f) const {
    out << "      ";
    if (!f.before && f.after) {
      out << paint(Action::Create, "+") << " " << f.path << " = " << render_value(*f.after);
    } else if (f.before && !f.after) {
      out << paint(Action::Delete, "-") << " " << f.path << " = " << render_value(*f.before);
    } else if (f.before && f.after) {
      out << paint(Action::Update, "~") << " " << f.path << ": " << render_value(*f.before) << " → "
          << render_value(*f.after);
    }
    out << "\n";
  }

 private:
  bool color_;
};

}  // namespace

std::string plan_summary_line(const PlanSummary& s) {
  return "Plan: " + std::to_string(s.create) + " to create, " + std::to_string(s.update) +
         " to update, " + std::to_string(s.replace) + " to replace, " + std::to_string(s.remove) +
         " to delete; " + std::to_string(s.noop) + " unchanged.";
}

std::string render_value(const Json& value, size_t max_chars) {
  std::string s = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (s.size() > max_chars) s = s.substr(0, max_chars) + "…";
  return s;
}

std::string render_plan_text(const Plan& plan, const TextRenderOptions& options) {
  const TextPrinter p(options.color);
  std::ostringstream out;
  out << p.bold("ivcapgen plan for " + plan.environment) << " (state serial " << plan.serial
      << ")\n";
  const PlanSummary total = plan.summary();
  for (const auto& w : plan.waves) {
    const PlanSummary s = summarize(w);
    if (s.changes() == 0 && w.notes.empty()) continue;
    out << "\n" << p.bold("wave " + std::to_string(w.wave) + " · " + w.name + " (" + w.layer + ")");
    if (s.changes() == 0) out << ": no changes";
    out << "\n";
    for (const auto& note : w.notes) out << "  note: " << note << "\n";
    for (const auto& c : w.changes) {
      if (c.action == Action::NoOp) continue;
      out << "  " << p.paint(c.action, std::string(action_symbol(c.action)) + " " + c.address);
      if (!c.reason.empty()) out << "  (" << c.reason << ")";
      out << "\n";
      std::vector<FieldChange> diff = c.diff;
      mask_secrets(diff);
      for (const auto& f : diff) p.field(out, f);
    }
  }
  out << "\n";
  if (total.changes() == 0) {
    out << "No changes: the live system matches the build (" << total.noop << " unchanged).\n";
  } else {
    out << p.bold(plan_summary_line(total)) << "\n";
  }
  return out.str();
}

}  // namespace ivcapgen::deploy
