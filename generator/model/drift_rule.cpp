#include "model/drift_rule.h"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>

namespace ivcapgen::model {

namespace {

bool is_kind(std::string_view s) {
  return !s.empty() && std::isupper(static_cast<unsigned char>(s[0])) &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c); });
}

// Object names are DNS labels or subdomains; the glob adds * ? [ ].
bool is_name_glob(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '-' || c == '.' || c == '*' || c == '?' ||
           c == '[' || c == ']';
  });
}

// RFC 6901: "" or "/" segments, where '~' is only ever "~0" or "~1".
std::string pointer_problem(std::string_view p) {
  if (p.empty() || p[0] != '/') return "the field must be a JSON pointer starting with '/'";
  if (p == "/") return "the field must name a field, not the whole object";
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '~' && (i + 1 >= p.size() || (p[i + 1] != '0' && p[i + 1] != '1'))) {
      return "'~' in a JSON pointer must be written ~0 (for ~) or ~1 (for /)";
    }
    if (p[i] == '/' && i + 1 < p.size() && p[i + 1] == '/') {
      return "the JSON pointer has an empty segment ('//')";
    }
  }
  return {};
}

}  // namespace

bool DriftIgnoreRule::selects(std::string_view object_kind, std::string_view object_name) const {
  if (object_kind != kind) return false;
  const std::string name(object_name);
  return fnmatch(name_glob.c_str(), name.c_str(), 0) == 0;
}

std::optional<DriftIgnoreRule> parse_drift_ignore_rule(std::string_view text, std::string& error) {
  const size_t slash = text.find('/');
  const size_t colon = text.find(":/");
  if (slash == std::string_view::npos || colon == std::string_view::npos || colon < slash) {
    error = "is not Kind/name-glob:/pointer";
    return std::nullopt;
  }
  DriftIgnoreRule rule;
  rule.kind = std::string(text.substr(0, slash));
  rule.name_glob = std::string(text.substr(slash + 1, colon - slash - 1));
  rule.pointer = std::string(text.substr(colon + 1));
  if (!is_kind(rule.kind)) {
    error = "is not Kind/name-glob:/pointer: '" + rule.kind +
            "' is not a Kubernetes kind (letters and digits, starting upper case)";
    return std::nullopt;
  }
  if (!is_name_glob(rule.name_glob)) {
    error = "is not Kind/name-glob:/pointer: '" + rule.name_glob +
            "' is not a name glob (lower-case letters, digits, '-', '.', '*', '?', '[]')";
    return std::nullopt;
  }
  if (auto problem = pointer_problem(rule.pointer); !problem.empty()) {
    error = "is not Kind/name-glob:/pointer: " + problem;
    return std::nullopt;
  }
  return rule;
}

std::vector<DriftIgnoreRule> parse_drift_ignore_rules(const std::vector<std::string>& texts) {
  std::vector<DriftIgnoreRule> rules;
  for (const auto& t : texts) {
    std::string error;
    if (auto r = parse_drift_ignore_rule(t, error)) rules.push_back(std::move(*r));
  }
  return rules;
}

}  // namespace ivcapgen::model
