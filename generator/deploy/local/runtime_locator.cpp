#include "deploy/local/runtime_locator.h"

#include <unistd.h>

#include "tools/process_runner.h"

namespace ivcapgen::deploy::local {

namespace fs = std::filesystem;

namespace {

bool is_executable_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  return (ec ? p : abs).lexically_normal();
}

}  // namespace

RuntimeSearch default_runtime_search(std::optional<fs::path> runtime_dir) {
  RuntimeSearch search;
  search.runtime_dir = std::move(runtime_dir);
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) search.executable_dir = self.parent_path();
  search.path_value = tools::current_path_variable();
  return search;
}

std::optional<fs::path> locate_runtime_program(const std::string& program,
                                               const RuntimeSearch& search, std::string& error) {
  if (program.empty() || program.find('/') != std::string::npos) {
    error = "runtime program name '" + program + "' is not a plain file name";
    return std::nullopt;
  }
  if (search.runtime_dir) {
    fs::path candidate = absolute_normal(*search.runtime_dir / program);
    if (is_executable_file(candidate)) return candidate;
    error = "cannot find " + program + " in --runtime-dir " + search.runtime_dir->string() +
            " (no executable " + candidate.string() + ")";
    return std::nullopt;
  }
  std::string looked;
  if (!search.executable_dir.empty()) {
    fs::path candidate = absolute_normal(search.executable_dir / ".." / "runtime" / program);
    if (is_executable_file(candidate)) return candidate;
    looked = candidate.parent_path().string() + "/ nor ";
  }
  if (auto found = tools::find_program(program, search.path_value)) return absolute_normal(*found);
  error = "cannot find the runtime program " + program + ": not in " + looked +
          "on PATH; build it with 'cmake --build build --target ivcap_runtime' or pass "
          "--runtime-dir DIR";
  return std::nullopt;
}

}  // namespace ivcapgen::deploy::local
