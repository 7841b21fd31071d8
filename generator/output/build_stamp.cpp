#include "output/build_stamp.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "output/tree_committer.h"

namespace ivcapgen::output {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kFormat = 1;
// The size recorded for a file whose state is not to be trusted.
constexpr int64_t kUnknown = -2;
// Coarse kernel clocks can date a write up to a tick before it happened.
constexpr int64_t kRacyMarginNs = 100'000'000;

json to_json(const std::vector<StampedFile>& files) {
  json out = json::array();
  for (const auto& f : files) out.push_back({f.path, f.size, f.mtime_ns, f.inode});
  return out;
}

std::vector<StampedFile> from_json(const json& rows) {
  std::vector<StampedFile> out;
  for (const auto& r : rows) {
    out.push_back({r.at(0).get<std::string>(), r.at(1).get<int64_t>(), r.at(2).get<int64_t>(),
                   r.at(3).get<uint64_t>()});
  }
  return out;
}

bool unchanged(const std::vector<StampedFile>& files, const fs::path& base) {
  return std::all_of(files.begin(), files.end(), [&](const StampedFile& f) {
    return f.size != kUnknown && stamp_file(base / f.path, f.path) == f;
  });
}

}  // namespace

int64_t wall_clock_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

StampedFile stamp_file(const fs::path& path, std::string recorded_as) {
  StampedFile f;
  f.path = std::move(recorded_as);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return f;
  // A folder's size is its entry table's: not a content measure; its mtime is.
  f.size = S_ISDIR(st.st_mode) ? 0 : static_cast<int64_t>(st.st_size);
  f.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  f.inode = static_cast<uint64_t>(st.st_ino);
  return f;
}

fs::path BuildStamp::location(const fs::path& out_dir) {
  fs::path dir = fs::absolute(out_dir).lexically_normal();
  if (!dir.has_filename()) dir = dir.parent_path();
  std::string name = ".";  // piecewise: "." + std::string trips GCC 12's -Wrestrict at -O3
  name += dir.filename().string();
  name += ".ivcapgen-stamp";
  return dir.parent_path() / name;
}

BuildStamp BuildStamp::record(std::string key, std::string diagnostics,
                              const std::vector<std::string>& input_files,
                              const std::vector<std::string>& input_dirs, const fs::path& out_dir,
                              int64_t started_ns) {
  BuildStamp s;
  s.key = std::move(key);
  s.diagnostics = std::move(diagnostics);
  auto input = [&](const std::string& path) {
    StampedFile f = stamp_file(path, path);
    if (f.mtime_ns >= started_ns - kRacyMarginNs) f.size = kUnknown;  // changed while we read it
    return f;
  };
  for (const auto& p : input_files) s.inputs.push_back(input(p));
  for (const auto& p : input_dirs) s.input_dirs.push_back(input(p));
  s.outputs.push_back(stamp_file(out_dir, "."));
  std::error_code ec;
  for (fs::recursive_directory_iterator it(out_dir, ec), end; !ec && it != end; it.increment(ec)) {
    s.outputs.push_back(stamp_file(it->path(), it->path().lexically_relative(out_dir).string()));
  }
  std::sort(s.outputs.begin(), s.outputs.end(),
            [](const StampedFile& a, const StampedFile& b) { return a.path < b.path; });
  if (ec) s.outputs.front().size = kUnknown;  // could not list it all: never current
  return s;
}

std::optional<BuildStamp> BuildStamp::read(const fs::path& out_dir) {
  std::ifstream in(location(out_dir), std::ios::binary);
  if (!in) return std::nullopt;
  try {
    json j = json::parse(in);
    if (j.at("format").get<int>() != kFormat) return std::nullopt;
    BuildStamp s;
    s.key = j.at("key").get<std::string>();
    s.diagnostics = j.at("diagnostics").get<std::string>();
    s.inputs = from_json(j.at("inputs"));
    s.input_dirs = from_json(j.at("inputDirs"));
    s.outputs = from_json(j.at("outputs"));
    return s;
  } catch (const json::exception&) {
    return std::nullopt;  // damaged or foreign: a full build rewrites it
  }
}

bool BuildStamp::write(const fs::path& out_dir) const {
  json j = {{"format", kFormat},
            {"key", key},
            {"diagnostics", diagnostics},
            {"inputs", to_json(inputs)},
            {"inputDirs", to_json(input_dirs)},
            {"outputs", to_json(outputs)}};
  fs::path target = location(out_dir);
  fs::path temp = target;
  temp += ".tmp-" + std::to_string(::getpid());
  if (!write_file_fully(temp, j.dump())) {
    std::error_code ec;
    fs::remove(temp, ec);
    return false;
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) fs::remove(temp, ec);
  return !ec;
}

bool BuildStamp::current(const std::string& expected_key, const fs::path& out_dir) const {
  return key == expected_key && !outputs.empty() && unchanged(inputs, "/") &&
         unchanged(input_dirs, "/") && unchanged(outputs, out_dir);
}

}  // namespace ivcapgen::output
