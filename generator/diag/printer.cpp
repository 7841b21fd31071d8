#include "diag/printer.h"

#include <nlohmann/json.hpp>
#include <sstream>

namespace ivcapgen::diag {

namespace {

struct Palette {
  const char* bold = "";
  const char* red = "";
  const char* magenta = "";
  const char* cyan = "";
  const char* green = "";
  const char* reset = "";
};

Palette palette(bool color) {
  if (!color) return {};
  return {"\033[1m", "\033[1;31m", "\033[1;35m", "\033[1;36m", "\033[1;32m", "\033[0m"};
}

const char* severity_color(Severity s, const Palette& p) {
  switch (s) {
    case Severity::Error:
      return p.red;
    case Severity::Warning:
      return p.magenta;
    case Severity::Note:
      return p.cyan;
  }
  return p.red;
}

bool is_utf8_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// Blank out the text before the caret, keeping tabs so the caret lines up
// with the source line however the terminal renders tabs.
std::string caret_indent(std::string_view line, uint32_t column) {
  std::string out;
  size_t n = column > 0 ? std::min<size_t>(column - 1, line.size()) : 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c == '\t') {
      out += '\t';
    } else if (!is_utf8_continuation(c)) {
      out += ' ';
    }
  }
  return out;
}

// Replace control characters so a hostile input cannot drive the terminal.
std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (c == '\t' || c >= 0x20) {
      out += static_cast<char>(c == 0x7F ? '?' : c);
    } else {
      out += '?';
    }
  }
  return out;
}

void print_excerpt(std::ostream& out, const Diagnostic& d, const Palette& p) {
  const auto& loc = d.location;
  if (!loc.valid()) return;
  std::string_view line = loc.file->line(loc.line);
  std::string number = std::to_string(loc.line);
  std::string gutter(std::max<size_t>(number.size(), 4), ' ');
  std::string padded = std::string(gutter.size() - number.size(), ' ') + number;
  if (d.redact_source) {
    out << padded << " | <line not shown: it holds a secret value>\n";
    return;
  }
  if (line.size() > 400) return;  // a minified or binary line helps nobody
  out << padded << " | " << printable(line) << '\n';
  uint32_t length = std::max<uint32_t>(1, loc.length);
  size_t start = loc.column > 0 ? loc.column - 1 : 0;
  if (start > line.size()) start = line.size();
  length =
      static_cast<uint32_t>(std::min<size_t>(length, std::max<size_t>(1, line.size() - start)));
  out << gutter << " | " << caret_indent(line, loc.column) << p.green << '^'
      << std::string(length - 1, '~') << p.reset << '\n';
}

}  // namespace

void print_text(std::ostream& out, const Diagnostic& d, const PrintOptions& options) {
  Palette p = palette(options.color);
  out << p.bold;
  if (d.location.file) {
    out << printable(d.location.to_string()) << ": ";
  } else {
    out << "ivcapgen: ";
  }
  out << p.reset << severity_color(d.severity, p) << to_string(d.severity);
  if (d.category == Category::Policy && d.severity == Severity::Error) out << " [policy]";
  out << ':' << p.reset << p.bold << ' ' << printable(d.message);
  if (!d.suggestion.empty()) out << "; did you mean '" << printable(d.suggestion) << "'?";
  out << p.reset << '\n';
  print_excerpt(out, d, p);
  if (options.show_notes && !d.note.empty()) {
    std::istringstream lines(d.note);
    std::string l;
    bool first = true;
    while (std::getline(lines, l)) {
      out << (first ? std::string(p.cyan) + "note:" + p.reset + " " : std::string("      "))
          << printable(l) << '\n';
      first = false;
    }
  }
}

void print_text(std::ostream& out, const std::vector<Diagnostic>& diagnostics,
                const PrintOptions& options) {
  for (const auto& d : diagnostics) print_text(out, d, options);
}

std::string summarize(const std::vector<Diagnostic>& diagnostics) {
  size_t errors = 0, warnings = 0;
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::Error) ++errors;
    if (d.severity == Severity::Warning) ++warnings;
  }
  auto plural = [](size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  if (errors && warnings) return plural(errors, "error") + " and " + plural(warnings, "warning");
  if (errors) return plural(errors, "error");
  if (warnings) return plural(warnings, "warning");
  return "";
}

void print_json(std::ostream& out, const std::vector<Diagnostic>& diagnostics) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  size_t errors = 0, warnings = 0;
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::Error) ++errors;
    if (d.severity == Severity::Warning) ++warnings;
    nlohmann::ordered_json j;
    j["severity"] = to_string(d.severity);
    j["category"] = d.category == Category::Policy ? "policy" : "input";
    j["file"] = d.location.file ? d.location.path() : "";
    j["line"] = d.location.line;
    j["column"] = d.location.column;
    j["length"] = d.location.length;
    j["message"] = d.message;
    if (!d.suggestion.empty()) j["suggestion"] = d.suggestion;
    if (!d.note.empty()) j["note"] = d.note;
    if (!d.rule.empty()) j["rule"] = d.rule;
    list.push_back(std::move(j));
  }
  nlohmann::ordered_json doc;
  doc["diagnostics"] = std::move(list);
  doc["errors"] = errors;
  doc["warnings"] = warnings;
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace ivcapgen::diag
