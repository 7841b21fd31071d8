#include "output/yaml_writer.h"

#include <cmath>
#include <cstdio>

namespace ivcapgen::output {

namespace {

bool is_indicator(char c) {
  switch (c) {
    case '-':
    case '?':
    case ':':
    case ',':
    case '[':
    case ']':
    case '{':
    case '}':
    case '#':
    case '&':
    case '*':
    case '!':
    case '|':
    case '>':
    case '\'':
    case '"':
    case '%':
    case '@':
    case '`':
      return true;
    default:
      return false;
  }
}

// Words YAML 1.1 (kubectl, PyYAML) or 1.2 would read as booleans or null.
bool is_reserved_word(std::string_view s) {
  static constexpr std::string_view kWords[] = {
      "true", "True", "TRUE", "false", "False", "FALSE", "yes",  "Yes",   "YES",  "no",   "No",
      "NO",   "on",   "On",   "ON",    "off",   "Off",   "OFF",  "y",     "Y",    "n",    "N",
      "null", "Null", "NULL", "~",     ".inf",  ".Inf",  ".INF", "-.inf", ".nan", ".NaN", ".NAN"};
  for (auto w : kWords) {
    if (s == w) return true;
  }
  return false;
}

// Anything a YAML 1.1 or 1.2 reader might take for a number (1.32, 1e3,
// 0x1F, 0o17, 1_000, 1:20, .5). Quoting a few harmless look-alikes too
// ("1abc") is the price of never changing a type.
bool looks_numeric(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i >= s.size()) return false;
  if (!std::isdigit(static_cast<unsigned char>(s[i])) && s[i] != '.') return false;
  for (size_t k = i; k < s.size(); ++k) {
    char d = s[k];
    bool ok = std::isxdigit(static_cast<unsigned char>(d)) || d == '.' || d == '_' || d == ':' ||
              d == '+' || d == '-' || d == 'x' || d == 'X' || d == 'o' || d == 'O';
    if (!ok) return false;
  }
  return true;
}

bool has_control(std::string_view s) {
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
  }
  return false;
}

void append_double_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

// Appends `s` as a plain, single- or double-quoted scalar, whichever reads
// back as exactly this string.
void append_scalar(std::string& out, std::string_view s) {
  if (!needs_quotes(s)) {
    out.append(s);
  } else if (s.find('\'') == std::string_view::npos && !has_control(s) &&
             s.find('\n') == std::string_view::npos) {
    out += '\'';
    out.append(s);
    out += '\'';
  } else {
    append_double_quoted(out, s);
  }
}

// A multi-line string as a block literal, when that round-trips exactly.
bool block_literal_ok(std::string_view s) {
  if (s.find('\n') == std::string_view::npos || has_control(s)) return false;
  if (s.front() == ' ' || s.front() == '\n') return false;  // would need an indentation indicator
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('\n', start);
    std::string_view line = s.substr(start, end == std::string_view::npos ? end : end - start);
    if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) return false;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return true;
}

void write_block_literal(std::string& out, std::string_view s, int indent) {
  size_t trailing = 0;
  while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
  out += trailing == 0 ? "|-" : (trailing == 1 ? "|" : "|+");
  out += '\n';
  std::string pad(indent, ' ');
  size_t start = 0;
  std::string_view body = s.substr(0, s.size() - trailing);
  while (start <= body.size()) {
    size_t end = body.find('\n', start);
    std::string_view line = body.substr(start, end == std::string_view::npos ? end : end - start);
    if (!line.empty()) out += pad;
    out.append(line);
    out += '\n';
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  for (size_t i = 1; i < trailing; ++i) out += '\n';
}

std::string number_text(const Json& v) {
  if (v.is_number_integer()) return v.dump();
  double d = v.get<double>();
  if (std::isnan(d)) return ".nan";
  if (std::isinf(d)) return d > 0 ? ".inf" : "-.inf";
  std::string s = v.dump();
  return s;
}

bool is_scalar(const Json& v) {
  return !v.is_object() && !v.is_array();
}
bool is_empty_collection(const Json& v) {
  return (v.is_object() || v.is_array()) && v.empty();
}

void write_scalar(std::string& out, const Json& v, int indent) {
  if (v.is_null()) {
    out += "null";
  } else if (v.is_boolean()) {
    out += v.get<bool>() ? "true" : "false";
  } else if (v.is_number()) {
    out += number_text(v);
  } else if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (block_literal_ok(s)) {
      write_block_literal(out, s, indent);
      return;
    }
    append_scalar(out, s);
  } else if (v.is_object()) {
    out += "{}";
  } else if (v.is_array()) {
    out += "[]";
  }
  out += '\n';
}

void write_node(std::string& out, const Json& v, int indent);

void write_mapping(std::string& out, const Json& v, int indent, bool first_inline) {
  bool first = true;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!(first && first_inline)) out.append(static_cast<size_t>(indent), ' ');
    first = false;
    append_scalar(out, it.key());
    out += ':';
    const Json& child = it.value();
    if (is_scalar(child) || is_empty_collection(child)) {
      out += ' ';
      write_scalar(out, child, indent + 2);
    } else {
      out += '\n';
      write_node(out, child, child.is_array() ? indent : indent + 2);
    }
  }
}

void write_sequence(std::string& out, const Json& v, int indent) {
  for (const Json& item : v) {
    out.append(static_cast<size_t>(indent), ' ');
    out += "- ";
    if (item.is_object() && !item.empty()) {
      write_mapping(out, item, indent + 2, true);
    } else if (item.is_array() && !item.empty()) {
      out += '\n';
      write_sequence(out, item, indent + 2);
    } else {
      write_scalar(out, item, indent + 2);
    }
  }
}

void write_node(std::string& out, const Json& v, int indent) {
  if (v.is_object() && !v.empty()) {
    write_mapping(out, v, indent, false);
  } else if (v.is_array() && !v.empty()) {
    write_sequence(out, v, indent);
  } else {
    out.append(static_cast<size_t>(indent), ' ');
    write_scalar(out, v, indent);
  }
}

}  // namespace

bool needs_quotes(std::string_view s) {
  if (s.empty()) return true;
  if (is_reserved_word(s) || looks_numeric(s)) return true;
  if (is_indicator(s.front()) || s.front() == ' ' || s.back() == ' ' || s.back() == ':')
    return true;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos) return true;
  if (s.find('\n') != std::string_view::npos || s.find('\t') != std::string_view::npos) return true;
  if (has_control(s)) return true;
  // Non-ASCII is fine in YAML, but keep the bytes exact with quotes only
  // when needed; invalid UTF-8 never reaches here (inputs are checked).
  return false;
}

std::string to_yaml(const Json& value) {
  std::string out;
  write_node(out, value, 0);
  return out;
}

std::string to_yaml_documents(const std::vector<Json>& documents) {
  std::string out;
  for (size_t i = 0; i < documents.size(); ++i) {
    if (i > 0) out += "---\n";
    write_node(out, documents[i], 0);
  }
  return out;
}

std::string to_json_text(const Json& value) {
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::strict) + "\n";
}

}  // namespace ivcapgen::output
