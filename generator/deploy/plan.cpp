#include "deploy/plan.h"

namespace ivcapgen::deploy {

std::string_view action_name(Action action) {
  switch (action) {
    case Action::Create:
      return "create";
    case Action::Update:
      return "update";
    case Action::Replace:
      return "replace";
    case Action::Delete:
      return "delete";
    case Action::NoOp:
      break;
  }
  return "noop";
}

std::optional<Action> parse_action(std::string_view name) {
  for (Action a : {Action::NoOp, Action::Create, Action::Update, Action::Replace, Action::Delete}) {
    if (action_name(a) == name) return a;
  }
  return std::nullopt;
}

std::string_view action_symbol(Action action) {
  switch (action) {
    case Action::Create:
      return "+";
    case Action::Update:
      return "~";
    case Action::Replace:
      return "±";
    case Action::Delete:
      return "-";
    case Action::NoOp:
      break;
  }
  return " ";
}

void PlanSummary::add(Action action) {
  switch (action) {
    case Action::Create:
      ++create;
      break;
    case Action::Update:
      ++update;
      break;
    case Action::Replace:
      ++replace;
      break;
    case Action::Delete:
      ++remove;
      break;
    case Action::NoOp:
      ++noop;
      break;
  }
}

PlanSummary summarize(const WavePlan& wave) {
  PlanSummary s;
  for (const auto& c : wave.changes) s.add(c.action);
  return s;
}

PlanSummary Plan::summary() const {
  PlanSummary s;
  for (const auto& w : waves) {
    for (const auto& c : w.changes) s.add(c.action);
  }
  return s;
}

const WavePlan* Plan::find_wave(int wave) const {
  for (const auto& w : waves) {
    if (w.wave == wave) return &w;
  }
  return nullptr;
}

}  // namespace ivcapgen::deploy
