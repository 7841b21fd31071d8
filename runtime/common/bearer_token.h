#pragma once
// The shared bearer token. `apply` writes it to a file with mode 0600; every
// component reads it with --token-file, requires it on every API request
// (`Authorization: Bearer <token>`) and sends it on its calls to the other
// components. The token is never logged.
#include <filesystem>
#include <string>
#include <string_view>

namespace ivcap::runtime {

class BearerToken {
 public:
  // Throws StartupError when the file is missing, not a regular file,
  // readable or writable by group or others, empty, or not printable ASCII.
  static BearerToken load(const std::filesystem::path& file);
  explicit BearerToken(std::string value) : value_(std::move(value)) {}

  // True when `authorization` is exactly "Bearer <token>" (constant time in
  // the token's length).
  bool accepts(std::string_view authorization) const;
  const std::string& value() const { return value_; }

 private:
  std::string value_;
};

}  // namespace ivcap::runtime
