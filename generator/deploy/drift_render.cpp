#include "deploy/drift_render.h"

namespace ivcapgen::deploy {

namespace {

std::string value_text(const std::optional<Json>& v) {
  if (!v) return "(absent)";
  if (v->is_string()) return v->get<std::string>();
  return v->dump();
}

std::string summary(const Plan& plan) {
  DriftCounts c = count_drift(plan);
  if (c.total() == 0) {
    return "No drift: environment '" + plan.environment + "' matches its declaration.";
  }
  std::string s = std::to_string(c.total()) + " drifted in environment '" + plan.environment +
                  "': " + std::to_string(c.missing) + " missing, " + std::to_string(c.modified) +
                  " modified, " + std::to_string(c.unexpected) + " unexpected";
  const std::pair<int, const char*> more[] = {{c.chart, "chart changed"},
                                              {c.values, "values changed"},
                                              {c.infrastructure, "infrastructure changed"}};
  for (const auto& [n, name] : more) {
    if (n > 0) s += ", " + std::to_string(n) + " " + name;
  }
  return s + ".";
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string markdown_cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "<br>";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string_view drift_kind(Action action) {
  switch (action) {
    case Action::Create:
      return "missing";
    case Action::Update:
    case Action::Replace:
      return "modified";
    case Action::Delete:
      return "unexpected";
    case Action::NoOp:
      break;
  }
  return "";
}

std::string_view drift_category(const WavePlan& wave, const PlannedChange& change) {
  const std::string_view kind = drift_kind(change.action);
  if (kind.empty()) return kind;
  if (wave.layer == kLayerTerraform) return "infrastructure";
  if (wave.layer == kLayerHelm && kind == "modified") {
    for (const auto& f : change.diff) {
      if (f.path == "chart" || f.path == "version") return "chart";
    }
    for (const auto& f : change.diff) {
      if (!starts_with(f.path, "values")) return kind;
    }
    return "values";
  }
  return kind;
}

DriftCounts count_drift(const Plan& plan) {
  DriftCounts c;
  for (const auto& w : plan.waves) {
    for (const auto& ch : w.changes) {
      const std::string_view category = drift_category(w, ch);
      if (category == "missing") ++c.missing;
      if (category == "modified") ++c.modified;
      if (category == "unexpected") ++c.unexpected;
      if (category == "chart") ++c.chart;
      if (category == "values") ++c.values;
      if (category == "infrastructure") ++c.infrastructure;
    }
  }
  return c;
}

std::string render_drift_text(const Plan& plan, std::string_view provider) {
  std::string out;
  for (const auto& w : plan.waves) {
    bool any = false;
    for (const auto& ch : w.changes) any = any || ch.action != Action::NoOp;
    if (!any && w.notes.empty()) continue;
    out += "wave " + std::to_string(w.wave) + " " + w.name + ":\n";
    for (const auto& ch : w.changes) {
      if (ch.action == Action::NoOp) continue;
      out += "  " + std::string(action_symbol(ch.action)) + " " + ch.address + ": " +
             std::string(drift_category(w, ch));
      if (!ch.reason.empty()) out += " (" + ch.reason + ")";
      out += "\n";
      for (const auto& f : ch.diff) {
        out +=
            "      " + f.path + ": " + value_text(f.before) + " -> " + value_text(f.after) + "\n";
      }
    }
    for (const auto& n : w.notes) out += "  note: " + n + "\n";
  }
  out += summary(plan) + "\n";
  if (count_drift(plan).total() > 0) {
    out += "Run 'ivcapgen reconcile' on this environment to restore it";
    out += provider == "local" ? " (it restarts and re-registers exactly what drifted).\n" : ".\n";
  }
  return out;
}

std::string render_drift_markdown(const Plan& plan, std::string_view provider) {
  std::string out = "### Drift: `" + plan.environment + "` (" + std::string(provider) + ")\n\n";
  if (count_drift(plan).total() > 0) {
    out += "| Wave | Address | Drift | Why |\n|---|---|---|---|\n";
    for (const auto& w : plan.waves) {
      for (const auto& ch : w.changes) {
        if (ch.action == Action::NoOp) continue;
        std::string why = ch.reason;
        for (const auto& f : ch.diff) {
          why += (why.empty() ? "" : "\n") + f.path + ": `" + value_text(f.before) + "` → `" +
                 value_text(f.after) + "`";
        }
        out += "| " + std::to_string(w.wave) + " " + w.name + " | `" + ch.address + "` | " +
               std::string(drift_category(w, ch)) + " | " + markdown_cell(why) + " |\n";
      }
    }
    out += "\n";
  }
  for (const auto& w : plan.waves) {
    for (const auto& n : w.notes) out += "> " + markdown_cell(n) + "\n";
  }
  // Appended piecewise: g++ 12 sees a false -Wrestrict in "\n" + temporary.
  out += "\n";
  out += summary(plan);
  out += "\n";
  return out;
}

nlohmann::ordered_json drift_json(const Plan& plan, std::string_view provider) {
  using Json = nlohmann::ordered_json;
  Json items = Json::array();
  Json notes = Json::array();
  for (const auto& w : plan.waves) {
    for (const auto& ch : w.changes) {
      if (ch.action == Action::NoOp) continue;
      Json diff = Json::array();
      for (const auto& f : ch.diff) {
        Json d{{"path", f.path}};
        d["before"] = f.before ? *f.before : Json();
        d["after"] = f.after ? *f.after : Json();
        diff.push_back(std::move(d));
      }
      items.push_back({{"wave", w.wave},
                       {"layer", w.layer},
                       {"address", ch.address},
                       {"drift", drift_kind(ch.action)},
                       {"category", drift_category(w, ch)},
                       {"action", action_name(ch.action)},
                       {"reason", ch.reason},
                       {"diff", std::move(diff)}});
    }
    for (const auto& n : w.notes) notes.push_back({{"wave", w.wave}, {"note", n}});
  }
  DriftCounts c = count_drift(plan);
  return {{"version", kDriftFormatVersion},
          {"environment", plan.environment},
          {"provider", provider},
          {"drifted", c.total() > 0},
          {"summary",
           {{"missing", c.missing},
            {"modified", c.modified},
            {"unexpected", c.unexpected},
            {"chart", c.chart},
            {"values", c.values},
            {"infrastructure", c.infrastructure}}},
          {"items", std::move(items)},
          {"notes", std::move(notes)}};
}

}  // namespace ivcapgen::deploy
