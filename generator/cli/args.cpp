#include "cli/args.h"

#include <sstream>

#include "diag/suggest.h"

namespace ivcapgen::cli {

ArgParser::ArgParser(std::string command, std::string summary)
    : command_(std::move(command)), summary_(std::move(summary)) {}

ArgParser& ArgParser::option(std::string name, std::string value_name, std::string help,
                             std::string short_name) {
  options_.push_back(
      {std::move(name), std::move(short_name), std::move(value_name), std::move(help)});
  return *this;
}

ArgParser& ArgParser::flag(std::string name, std::string help, std::string short_name) {
  options_.push_back({std::move(name), std::move(short_name), "", std::move(help)});
  return *this;
}

ArgParser& ArgParser::positional(std::string name, std::string help, bool required) {
  positionals_.push_back({std::move(name), std::move(help), required});
  return *this;
}

const OptionSpec* ArgParser::find_option(const std::string& token) const {
  for (const auto& o : options_) {
    if (token == o.name || (!o.short_name.empty() && token == o.short_name)) return &o;
  }
  return nullptr;
}

bool ArgParser::parse(const std::vector<std::string>& args) {
  size_t next_positional = 0;
  bool only_positionals = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string token = args[i];
    if (!only_positionals && token == "--") {
      only_positionals = true;
      continue;
    }
    if (!only_positionals && (token == "--help" || token == "-h")) {
      help_ = true;
      return true;
    }
    if (!only_positionals && token.size() > 1 && token[0] == '-') {
      std::optional<std::string> inline_value;
      if (auto eq = token.find('='); eq != std::string::npos && token.starts_with("--")) {
        inline_value = token.substr(eq + 1);
        token = token.substr(0, eq);
      }
      const OptionSpec* spec = find_option(token);
      if (!spec) {
        std::vector<std::string> names;
        for (const auto& o : options_) names.push_back(o.name);
        error_ = "unknown option '" + token + "' for '" + command_ + "'";
        if (auto s = diag::closest_match(token, names)) error_ += "; did you mean '" + *s + "'?";
        return false;
      }
      if (spec->value_name.empty()) {
        if (inline_value) {
          error_ = "option '" + spec->name + "' takes no value";
          return false;
        }
        values_[spec->name] = "true";
      } else if (inline_value) {
        values_[spec->name] = *inline_value;
      } else if (i + 1 < args.size()) {
        values_[spec->name] = args[++i];
      } else {
        error_ = "option '" + spec->name + "' needs a value (" + spec->value_name + ")";
        return false;
      }
      continue;
    }
    if (next_positional >= positionals_.size()) {
      error_ = "unexpected argument '" + token + "' for '" + command_ + "'";
      return false;
    }
    positional_values_[positionals_[next_positional++].name] = token;
  }
  for (size_t i = next_positional; i < positionals_.size(); ++i) {
    if (positionals_[i].required) {
      error_ = "missing argument " + positionals_[i].name + " for '" + command_ + "'";
      return false;
    }
  }
  return true;
}

std::string ArgParser::usage_line() const {
  std::string out = "usage: ivcapgen " + command_;
  for (const auto& p : positionals_) out += p.required ? " " + p.name : " [" + p.name + "]";
  if (!options_.empty()) out += " [options]";
  return out;
}

std::string ArgParser::help_text() const {
  std::ostringstream out;
  out << usage_line() << "\n\n" << summary_ << "\n";
  if (!positionals_.empty()) {
    out << "\narguments:\n";
    for (const auto& p : positionals_) out << "  " << p.name << "\n      " << p.help << "\n";
  }
  if (!options_.empty()) {
    out << "\noptions:\n";
    for (const auto& o : options_) {
      out << "  " << (o.short_name.empty() ? "" : o.short_name + ", ") << o.name;
      if (!o.value_name.empty()) out << ' ' << o.value_name;
      out << "\n      " << o.help << "\n";
    }
  }
  return out.str();
}

bool ArgParser::has(const std::string& name) const {
  return values_.count(name) > 0;
}

std::optional<std::string> ArgParser::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string ArgParser::value_or(const std::string& name, std::string fallback) const {
  auto v = value(name);
  return v ? *v : std::move(fallback);
}

std::optional<std::string> ArgParser::positional_value(const std::string& name) const {
  auto it = positional_values_.find(name);
  if (it == positional_values_.end()) return std::nullopt;
  return it->second;
}

}  // namespace ivcapgen::cli
