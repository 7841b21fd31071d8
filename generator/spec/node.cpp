#include "spec/node.h"

#include <cctype>

namespace ivcapgen::spec {

SourceNode SourceNode::null(SourceLocation loc) {
  SourceNode n;
  n.location = std::move(loc);
  return n;
}

SourceNode SourceNode::scalar(std::string text, SourceLocation loc, bool quoted) {
  SourceNode n;
  n.kind = Kind::Scalar;
  n.text = std::move(text);
  n.quoted = quoted;
  n.location = std::move(loc);
  return n;
}

SourceNode SourceNode::sequence(SourceLocation loc) {
  SourceNode n;
  n.kind = Kind::Sequence;
  n.location = std::move(loc);
  return n;
}

SourceNode SourceNode::mapping(SourceLocation loc) {
  SourceNode n;
  n.kind = Kind::Mapping;
  n.location = std::move(loc);
  return n;
}

const SourceNode* SourceNode::find(std::string_view k) const {
  if (kind != Kind::Mapping) return nullptr;
  for (const auto& m : items) {
    if (m.key == k) return &m;
  }
  return nullptr;
}

SourceNode* SourceNode::find(std::string_view k) {
  return const_cast<SourceNode*>(static_cast<const SourceNode*>(this)->find(k));
}

SourceNode& SourceNode::set(std::string k, SourceNode value) {
  value.key = k;
  if (SourceNode* existing = find(k)) {
    if (!value.key_location.valid()) value.key_location = existing->key_location;
    *existing = std::move(value);
    return *existing;
  }
  items.push_back(std::move(value));
  return items.back();
}

bool SourceNode::erase(std::string_view k) {
  for (auto it = items.begin(); it != items.end(); ++it) {
    if (it->key == k) {
      items.erase(it);
      return true;
    }
  }
  return false;
}

namespace {

bool is_digits(std::string_view s, size_t from) {
  if (from >= s.size()) return false;
  for (size_t i = from; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

bool looks_integer(std::string_view s) {
  if (s.empty()) return false;
  size_t start = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (s.substr(start, 2) == "0x" || s.substr(start, 2) == "0o") {
    std::string_view digits = s.substr(start + 2);
    if (digits.empty()) return false;
    for (char c : digits) {
      if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
  }
  return is_digits(s, start);
}

bool looks_float(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::string_view rest = s.substr(i);
  if (rest == ".inf" || rest == ".Inf" || rest == ".INF") return true;
  if (i == 0 && (rest == ".nan" || rest == ".NaN" || rest == ".NAN")) return true;
  size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    return is_digits(s, i);
  }
  return i == s.size();
}

}  // namespace

SourceNode::ScalarType SourceNode::scalar_type() const {
  if (kind == Kind::Null) return ScalarType::Null;
  if (quoted || kind != Kind::Scalar) return ScalarType::String;
  const std::string& s = text;
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE")
    return ScalarType::Boolean;
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return ScalarType::Null;
  if (looks_integer(s)) return ScalarType::Integer;
  if (looks_float(s)) return ScalarType::Float;
  return ScalarType::String;
}

std::string SourceNode::describe() const {
  switch (kind) {
    case Kind::Null:
      return "null";
    case Kind::Sequence:
      return "a list";
    case Kind::Mapping:
      return "a mapping";
    case Kind::Scalar:
      break;
  }
  switch (scalar_type()) {
    case ScalarType::Boolean:
      return "a boolean (" + text + ")";
    case ScalarType::Integer:
    case ScalarType::Float:
      return "a number (" + text + ")";
    case ScalarType::Null:
      return "null";
    case ScalarType::String:
      break;
  }
  return "a string";
}

size_t count_nodes(const SourceNode& n) {
  size_t total = 1;
  for (const auto& c : n.items) total += count_nodes(c);
  return total;
}

}  // namespace ivcapgen::spec
