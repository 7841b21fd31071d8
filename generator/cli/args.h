#pragma once
// A small declarative argument parser: each command declares its options
// and positionals once; --help text and usage errors (exit 64, with
// did-you-mean) come from the same declarations.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ivcapgen::cli {

struct OptionSpec {
  std::string name;        // "--format"
  std::string short_name;  // "-o" (optional)
  std::string value_name;  // empty for flags
  std::string help;
  bool repeatable = false;
};

struct PositionalSpec {
  std::string name;  // "ENV"
  std::string help;
  bool required = true;
};

class ArgParser {
 public:
  ArgParser(std::string command, std::string summary);

  ArgParser& option(std::string name, std::string value_name, std::string help,
                    std::string short_name = "");
  ArgParser& flag(std::string name, std::string help, std::string short_name = "");
  ArgParser& positional(std::string name, std::string help, bool required = true);

  // Parses args (after the command name). On error returns false and sets
  // error(); a --help request sets help_requested().
  bool parse(const std::vector<std::string>& args);

  bool help_requested() const { return help_; }
  const std::string& error() const { return error_; }
  std::string help_text() const;
  std::string usage_line() const;

  bool has(const std::string& name) const;
  std::optional<std::string> value(const std::string& name) const;
  std::string value_or(const std::string& name, std::string fallback) const;
  std::optional<std::string> positional_value(const std::string& name) const;

 private:
  const OptionSpec* find_option(const std::string& token) const;

  std::string command_;
  std::string summary_;
  std::vector<OptionSpec> options_;
  std::vector<PositionalSpec> positionals_;
  std::map<std::string, std::string> values_;
  std::map<std::string, std::string> positional_values_;
  bool help_ = false;
  std::string error_;
};

}  // namespace ivcapgen::cli
