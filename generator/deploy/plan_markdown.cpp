// The Markdown printer of plans (plan_render.h), for a pull request comment:
// what changes at a glance (one table row per wave), then per wave a table
// of the changed things and a <details> block per thing with its field
// diff in a ```diff fence (which GitHub colours). Long lists of creates are
// folded away so that updates and deletes stay visible.
#include <algorithm>
#include <sstream>

#include "deploy/field_diff.h"
#include "deploy/plan_render.h"

namespace ivcapgen::deploy {

namespace {

constexpr size_t kCreatesShownInline = 15;
constexpr size_t kValueChars = 400;

std::string code(std::string_view s) {
  // A code span that survives backticks in the text.
  // (Appended piecewise: "`" + std::string(s) trips GCC 12's -Wrestrict at -O3.)
  const bool tick = s.find('`') != std::string_view::npos;
  std::string out = tick ? "`` " : "`";
  out.append(s);
  out += tick ? " ``" : "`";
  return out;
}

std::string cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// A fence longer than any run of backticks inside `body`.
std::string fence_for(const std::string& body) {
  size_t longest = 0, run = 0;
  for (char c : body) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<size_t>(3, longest + 1), '`');
}

std::string action_cell(Action a) {
  return code(action_symbol(a)) + " " + std::string(action_name(a));
}

std::string fields_cell(const PlannedChange& c) {
  if (c.diff.empty()) return c.reason.empty() ? "" : cell(c.reason);
  std::string s;
  const size_t shown = std::min<size_t>(c.diff.size(), 3);
  for (size_t i = 0; i < shown; ++i) s += (i ? ", " : "") + code(c.diff[i].path);
  if (c.diff.size() > shown) s += " and " + std::to_string(c.diff.size() - shown) + " more";
  return cell(s);
}

std::string diff_block(const PlannedChange& change) {
  std::vector<FieldChange> diff = change.diff;
  mask_secrets(diff);
  std::ostringstream body;
  for (const auto& f : diff) {
    body << "@@ " << f.path << " @@\n";
    if (f.before) body << "- " << render_value(*f.before, kValueChars) << "\n";
    if (f.after) body << "+ " << render_value(*f.after, kValueChars) << "\n";
  }
  const std::string text = body.str();
  const std::string fence = fence_for(text);
  std::ostringstream out;
  out << "<details><summary>"
      << code(std::string(action_symbol(change.action)) + " " + change.address) << ": "
      << diff.size() << " field" << (diff.size() == 1 ? "" : "s") << "</summary>\n\n";
  if (!change.reason.empty()) out << change.reason << "\n\n";
  out << fence << "diff\n" << text << fence << "\n\n</details>\n\n";
  return out.str();
}

void wave_section(std::ostringstream& out, const WavePlan& w) {
  const PlanSummary s = summarize(w);
  out << "### Wave " << w.wave << " · " << w.name << " (" << w.layer << ")\n\n";
  for (size_t i = 0; i < w.notes.size(); ++i) {
    out << (i ? ">\n" : "") << "> " << cell(w.notes[i]) << "\n";
  }
  if (!w.notes.empty()) out << "\n";
  if (s.changes() == 0) {
    out << "No changes";
    if (s.noop) out << " (" << s.noop << " unchanged)";
    out << ".\n\n";
    return;
  }
  std::vector<const PlannedChange*> listed, folded;
  const bool fold_creates = static_cast<size_t>(s.create) > kCreatesShownInline;
  for (const auto& c : w.changes) {
    if (c.action == Action::NoOp) continue;
    (fold_creates && c.action == Action::Create ? folded : listed).push_back(&c);
  }
  if (!listed.empty()) {
    out << "| Action | Address | Changed fields |\n|---|---|---|\n";
    for (const auto* c : listed) {
      out << "| " << action_cell(c->action) << " | " << code(c->address) << " | " << fields_cell(*c)
          << " |\n";
    }
    out << "\n";
  }
  if (!folded.empty()) {
    out << "<details><summary>" << folded.size() << " to create</summary>\n\n";
    for (const auto* c : folded) {
      out << "- " << code(c->address);
      if (!c->diff.empty()) out << " (" << c->diff.size() << " fields)";
      out << "\n";
    }
    out << "\n</details>\n\n";
  }
  for (const auto& c : w.changes) {
    const bool detailed = c.action == Action::Update || c.action == Action::Replace ||
                          (c.action == Action::Create && !c.diff.empty() && !fold_creates);
    if (detailed && !c.diff.empty()) out << diff_block(c);
  }
}

}  // namespace

std::string render_plan_markdown(const Plan& plan) {
  const PlanSummary total = plan.summary();
  std::ostringstream out;
  out << "## ivcapgen plan: " << code(plan.environment) << "\n\n";
  if (total.changes() == 0) {
    out << "**No changes.** The live system matches the build (" << total.noop
        << " unchanged).\n\n";
  } else {
    out << "**" << total.create << " to create · " << total.update << " to update · "
        << total.replace << " to replace · " << total.remove << " to delete** · " << total.noop
        << " unchanged\n\n";
  }
  out << "| Wave | Stage | Layer | Create | Update | Replace | Delete | Unchanged |\n"
      << "|---:|---|---|---:|---:|---:|---:|---:|\n";
  for (const auto& w : plan.waves) {
    const PlanSummary s = summarize(w);
    out << "| " << w.wave << " | " << w.name << " | " << w.layer << " | " << s.create << " | "
        << s.update << " | " << s.replace << " | " << s.remove << " | " << s.noop << " |\n";
  }
  out << "\n";
  for (const auto& w : plan.waves) wave_section(out, w);
  out << "<sub>Planned against state serial " << plan.serial;
  if (!plan.lineage.empty()) out << " (lineage " << code(plan.lineage) << ")";
  if (!plan.manifest_sha256.empty()) {
    out << " and build " << code(plan.manifest_sha256.substr(0, 12));
  }
  out << ". Values that look secret are shown as " << code(kSensitiveValue)
      << ". Apply exactly this plan with "
      << code("ivcapgen apply " + plan.environment + " --plan plan.json") << ".</sub>\n";
  return out.str();
}

}  // namespace ivcapgen::deploy
