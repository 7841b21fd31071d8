#pragma once
// Command-line flags of a runtime component. Components are configured only
// by argv: every flag is declared here with its help text, so `--help` is
// complete and an unknown flag is a usage error (exit 64).
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ivcap::runtime {

class FlagSet {
 public:
  FlagSet(std::string program, std::string summary);

  // A flag taking a value; `default_value` empty means "no default".
  void option(std::string name, std::string value_name, std::string help,
              std::optional<std::string> default_value = std::nullopt);
  // A flag that must be given.
  void required(std::string name, std::string value_name, std::string help);
  // A boolean switch (`--name`), false unless given.
  void toggle(std::string name, std::string help);

  // Parses argv. Returns an exit code when the program should stop now:
  // 0 after printing --help to stdout, 64 after printing a usage error to
  // stderr. std::nullopt means: carry on.
  std::optional<int> parse(int argc, const char* const* argv);

  std::string usage() const;

  bool has(const std::string& name) const;
  std::string text(const std::string& name) const;  // UsageError when absent
  std::optional<std::string> maybe_text(const std::string& name) const;
  bool toggled(const std::string& name) const;
  // Typed accessors; a malformed value is a UsageError naming the flag.
  std::chrono::milliseconds duration(const std::string& name) const;
  std::uint64_t byte_size(const std::string& name) const;
  std::int64_t integer(const std::string& name) const;

 private:
  struct Spec {
    std::string value_name;
    std::string help;
    std::optional<std::string> default_value;
    bool required = false;
    bool is_switch = false;
  };
  void parse_or_throw(int argc, const char* const* argv);

  std::string program_;
  std::string summary_;
  std::vector<std::string> order_;
  std::map<std::string, Spec> specs_;
  std::map<std::string, std::string> values_;
};

}  // namespace ivcap::runtime
