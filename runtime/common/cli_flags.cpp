#include "common/cli_flags.h"

#include <iostream>
#include <sstream>

#include "common/quantity.h"
#include "common/startup_error.h"

namespace ivcap::runtime {

FlagSet::FlagSet(std::string program, std::string summary)
    : program_(std::move(program)), summary_(std::move(summary)) {}

void FlagSet::option(std::string name, std::string value_name, std::string help,
                     std::optional<std::string> default_value) {
  order_.push_back(name);
  specs_[name] =
      Spec{std::move(value_name), std::move(help), std::move(default_value), false, false};
}

void FlagSet::required(std::string name, std::string value_name, std::string help) {
  order_.push_back(name);
  specs_[name] = Spec{std::move(value_name), std::move(help), std::nullopt, true, false};
}

void FlagSet::toggle(std::string name, std::string help) {
  order_.push_back(name);
  specs_[name] = Spec{"", std::move(help), std::nullopt, false, true};
}

std::string FlagSet::usage() const {
  std::ostringstream out;
  out << "usage: " << program_ << " [flags]\n\n" << summary_ << "\n\nflags:\n";
  for (const auto& name : order_) {
    const Spec& spec = specs_.at(name);
    std::string head = "  --" + name;
    if (!spec.is_switch) head += " " + spec.value_name;
    out << head << "\n      " << spec.help;
    if (spec.required) out << " (required)";
    if (spec.default_value) out << " (default: " << *spec.default_value << ")";
    out << "\n";
  }
  out << "  --help\n      print this help and exit\n";
  return out.str();
}

void FlagSet::parse_or_throw(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0 || arg.size() == 2) {
      throw UsageError("unexpected argument '" + arg + "' (all configuration is by --flags)");
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    auto it = specs_.find(name);
    if (it == specs_.end()) throw UsageError("unknown flag '--" + name + "'");
    if (values_.count(name)) throw UsageError("flag '--" + name + "' given more than once");
    if (it->second.is_switch) {
      if (inline_value) throw UsageError("flag '--" + name + "' takes no value");
      values_[name] = "true";
      continue;
    }
    if (inline_value) {
      values_[name] = *inline_value;
    } else if (i + 1 < argc) {
      values_[name] = argv[++i];
    } else {
      throw UsageError("flag '--" + name + "' needs a value (" + it->second.value_name + ")");
    }
  }
  for (const auto& [name, spec] : specs_) {
    if (spec.required && !values_.count(name)) {
      throw UsageError("missing required flag '--" + name + " " + spec.value_name + "'");
    }
  }
}

std::optional<int> FlagSet::parse(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h") {
      std::cout << usage();
      return 0;
    }
  }
  try {
    parse_or_throw(argc, argv);
  } catch (const UsageError& e) {
    std::cerr << program_ << ": error: " << e.what() << "\n(see " << program_ << " --help)\n";
    return 64;
  }
  return std::nullopt;
}

bool FlagSet::has(const std::string& name) const {
  return values_.count(name) || (specs_.count(name) && specs_.at(name).default_value);
}

std::optional<std::string> FlagSet::maybe_text(const std::string& name) const {
  if (auto it = values_.find(name); it != values_.end()) return it->second;
  auto spec = specs_.find(name);
  if (spec == specs_.end()) throw std::logic_error("undeclared flag --" + name);
  return spec->second.default_value;
}

std::string FlagSet::text(const std::string& name) const {
  auto value = maybe_text(name);
  if (!value) throw UsageError("flag '--" + name + "' is required here");
  return *value;
}

bool FlagSet::toggled(const std::string& name) const {
  return values_.count(name) > 0;
}

std::chrono::milliseconds FlagSet::duration(const std::string& name) const {
  auto parsed = parse_duration(text(name));
  if (!parsed) {
    throw UsageError("flag '--" + name + "': '" + text(name) +
                     "' is not a duration (e.g. 500ms, 30s, 15m, 1h)");
  }
  return *parsed;
}

std::uint64_t FlagSet::byte_size(const std::string& name) const {
  auto parsed = parse_byte_size(text(name));
  if (!parsed) {
    throw UsageError("flag '--" + name + "': '" + text(name) +
                     "' is not a size (e.g. 1048576, 64Ki, 16Mi, 1Gi)");
  }
  return *parsed;
}

std::int64_t FlagSet::integer(const std::string& name) const {
  const std::string value = text(name);
  try {
    size_t used = 0;
    long long n = std::stoll(value, &used);
    if (used == value.size()) return n;
  } catch (const std::exception&) {
  }
  throw UsageError("flag '--" + name + "': '" + value + "' is not an integer");
}

}  // namespace ivcap::runtime
