#pragma once
// drift.ignore rules (SPEC 2.1): `Kind/name-glob:/json/pointer`, the fields
// of some objects that drift leaves alone because an autoscaler or an
// operator owns them ("Deployment/*:/spec/replicas"). Parsed once for the
// validator (which reports a bad rule at its file:line:col) and for drift.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ivcapgen::model {

struct DriftIgnoreRule {
  std::string kind;       // "Deployment" (exact, case-sensitive as Kubernetes spells kinds)
  std::string name_glob;  // "*", "gateway", "svc-*" (fnmatch)
  std::string pointer;    // RFC 6901: "/spec/replicas", "/metadata/annotations/a~1b"

  // Whether the rule covers the object of this kind and name.
  bool selects(std::string_view object_kind, std::string_view object_name) const;
};

// The rule, or nullopt with `error` saying what is wrong with it.
std::optional<DriftIgnoreRule> parse_drift_ignore_rule(std::string_view text, std::string& error);

// The rules that parse (a bad one is the validator's business).
std::vector<DriftIgnoreRule> parse_drift_ignore_rules(const std::vector<std::string>& texts);

}  // namespace ivcapgen::model
