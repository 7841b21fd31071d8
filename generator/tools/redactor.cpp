#include "tools/redactor.h"

#include <algorithm>
#include <cctype>

namespace ivcapgen::tools {

namespace {

// Upper case, leading dashes dropped, '-' and '.' read as '_': `--client-secret`
// and `CLIENT_SECRET` are the same name.
std::string normalise_name(std::string_view name) {
  while (!name.empty() && name.front() == '-') name.remove_prefix(1);
  std::string s;
  s.reserve(name.size());
  for (char c : name) {
    if (c == '-' || c == '.') c = '_';
    s.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return s;
}

// Classic iterative glob match with one backtrack point for the last '*'.
bool glob_match(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool is_identifier(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

}  // namespace

bool secret_name_matches(std::string_view pattern, std::string_view name) {
  return glob_match(normalise_name(pattern), normalise_name(name));
}

Redactor::Redactor() {
  for (auto& p : default_name_patterns()) add_name_pattern(std::move(p));
}

std::vector<std::string> Redactor::default_name_patterns() {
  return {"*SECRET*",      "*TOKEN*",      "*PASSWORD*", "*PASSWD*",     "*PASSPHRASE*",
          "*PRIVATE_KEY*", "*ACCESS_KEY*", "*API_KEY*",  "*CREDENTIAL*", "AWS_SECRET_ACCESS_KEY"};
}

void Redactor::add_secret(std::string value) {
  if (value.empty()) return;
  if (std::find(secrets_.begin(), secrets_.end(), value) != secrets_.end()) return;
  secrets_.push_back(std::move(value));
  std::stable_sort(secrets_.begin(), secrets_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void Redactor::add_name_pattern(std::string glob) {
  patterns_.push_back(normalise_name(glob));
}

bool Redactor::is_secret_name(std::string_view name) const {
  const std::string n = normalise_name(name);
  if (n.empty()) return false;
  return std::any_of(patterns_.begin(), patterns_.end(),
                     [&](const std::string& p) { return glob_match(p, n); });
}

std::string Redactor::redact(std::string_view text) const {
  if (secrets_.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    bool masked = false;
    for (const auto& s : secrets_) {
      if (text.compare(i, s.size(), s) == 0) {
        out += kMask;
        i += s.size();
        masked = true;
        break;
      }
    }
    if (!masked) out.push_back(text[i++]);
  }
  return out;
}

std::string Redactor::redact_env(std::string_view name, std::string_view value) const {
  return is_secret_name(name) ? std::string(kMask) : redact(value);
}

std::string Redactor::redact_assignment(std::string_view item) const {
  const size_t eq = item.find('=');
  if (eq != std::string_view::npos && is_identifier(item.substr(0, eq)) &&
      is_secret_name(item.substr(0, eq))) {
    return std::string(item.substr(0, eq + 1)) + std::string(kMask);
  }
  return redact(item);
}

std::vector<std::string> Redactor::redact_argv(const std::vector<std::string>& argv) const {
  std::vector<std::string> out;
  out.reserve(argv.size());
  bool mask_next = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    std::string_view item = argv[i];
    if (mask_next) {
      out.emplace_back(kMask);
      mask_next = false;
      continue;
    }
    // argv[0] is a program, never an option.
    if (i == 0 || item.size() < 2 || item[0] != '-') {
      out.push_back(i == 0 ? redact(item) : redact_assignment(item));
      continue;
    }
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      // `--token VALUE`: the value is the next item.
      mask_next = is_secret_name(item);
      out.push_back(redact(item));
    } else if (is_secret_name(item.substr(0, eq))) {
      out.push_back(std::string(item.substr(0, eq + 1)) + std::string(kMask));
    } else {
      // `-var=db_password=x`, `-backend-config=access_key=x`.
      out.push_back(redact(item.substr(0, eq + 1)) + redact_assignment(item.substr(eq + 1)));
    }
  }
  return out;
}

}  // namespace ivcapgen::tools
