#pragma once
// Redactor: keeps secrets out of logs. It knows secret *values* (added as they
// are learnt: a token from the environment, a sensitive Terraform output) and
// secret-looking *names* (glob patterns such as `*TOKEN*`), and masks both in
// free text, environment assignments and argv items (`--password=x`,
// `-backend-config=access_key=x`, `--token x`).
#include <string>
#include <string_view>
#include <vector>

namespace ivcapgen::tools {

class Redactor {
 public:
  static constexpr std::string_view kMask = "***";

  // Starts with default_name_patterns() and no values.
  Redactor();

  // `*SECRET*`, `*TOKEN*`, `*PASSWORD*`, `AWS_SECRET_ACCESS_KEY`, ...
  static std::vector<std::string> default_name_patterns();

  // A value never to show. Empty values are ignored.
  void add_secret(std::string value);
  // A glob (`*` any run, `?` one character) over names; matching ignores case
  // and treats '-' and '.' as '_', so `*_SECRET*` matches `--client-secret`.
  void add_name_pattern(std::string glob);

  bool is_secret_name(std::string_view name) const;
  // `text` with every known secret value replaced by kMask.
  std::string redact(std::string_view text) const;
  // The value to show for environment variable `name`.
  std::string redact_env(std::string_view name, std::string_view value) const;
  // argv with secret values masked, and the values of secret-named options
  // (`--token=x`, `--token x`, `-var=db_password=x`) masked.
  std::vector<std::string> redact_argv(const std::vector<std::string>& argv) const;

  const std::vector<std::string>& secrets() const { return secrets_; }

 private:
  std::string redact_assignment(std::string_view item) const;

  std::vector<std::string> patterns_;  // normalised (upper case, '_' for '-' and '.')
  std::vector<std::string> secrets_;   // longest first, so overlapping secrets mask fully
};

// Case-insensitive glob match after normalising both sides like Redactor does.
bool secret_name_matches(std::string_view pattern, std::string_view name);

}  // namespace ivcapgen::tools
