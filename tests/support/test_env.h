#pragma once
// Paths and scratch space for tests. Tests are hermetic: they write only
// below a TempDir and read the repository and (optionally) ../shared.
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

namespace ivcapgen::testing {

std::filesystem::path source_dir();
std::filesystem::path binary_dir();
// The ivcapgen executable built next to the tests.
std::filesystem::path ivcapgen_exe();
// ../shared beside the repository, when it is there.
std::optional<std::filesystem::path> shared_dir();
std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, std::string_view content);

// A fresh directory removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::filesystem::path& p) const { return path_ / p; }

 private:
  std::filesystem::path path_;
};

}  // namespace ivcapgen::testing

// Reports the current test as skipped to ctest (SKIP_REGULAR_EXPRESSION) and
// leaves the test case. Never use it to hide a failure.
#define IVCAPGEN_SKIP(why)                                 \
  do {                                                     \
    std::cout << "[ivcapgen-skip] " << (why) << std::endl; \
    return;                                                \
  } while (0)
