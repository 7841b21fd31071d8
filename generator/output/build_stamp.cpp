#include "output/build_stamp.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fstream>
#include <iterator>

#include "output/tree_committer.h"

namespace ivcapgen::output {

namespace fs = std::filesystem;

namespace {

// The size recorded for a file whose state is not to be trusted.
constexpr int64_t kUnknown = -2;
// Coarse kernel clocks can date a write up to a tick before it happened.
constexpr int64_t kRacyMarginNs = 100'000'000;

constexpr std::string_view kMagic = "ivcapgen-stamp 1\n";

// The stamp is read on every unchanged rebuild, so it is a plain line format
// (parsed with from_chars) rather than JSON:
//   ivcapgen-stamp 1 / key / diagnostics byte count, the bytes /
//   then three lists (inputs, input folders, outputs): a count, then
//   "size mtime_ns inode path" per line (the path last: it may hold spaces).
void write_list(std::string& out, const std::vector<StampedFile>& files) {
  out += std::to_string(files.size()) + "\n";
  for (const auto& f : files) {
    out += std::to_string(f.size) + ' ' + std::to_string(f.mtime_ns) + ' ' +
           std::to_string(f.inode) + ' ' + f.path + '\n';
  }
}

class Reader {
 public:
  explicit Reader(std::string_view text) : rest_(text) {}

  bool literal(std::string_view s) {
    if (!rest_.starts_with(s)) return false;
    rest_.remove_prefix(s.size());
    return true;
  }
  template <typename Int>
  bool number(Int& value, char end) {
    auto [ptr, ec] = std::from_chars(rest_.data(), rest_.data() + rest_.size(), value);
    if (ec != std::errc() || ptr == rest_.data() + rest_.size() || *ptr != end) return false;
    rest_.remove_prefix(static_cast<size_t>(ptr - rest_.data()) + 1);
    return true;
  }
  bool line(std::string& out) {
    size_t nl = rest_.find('\n');
    if (nl == std::string_view::npos) return false;
    out.assign(rest_.substr(0, nl));
    rest_.remove_prefix(nl + 1);
    return true;
  }
  bool bytes(std::string& out, size_t n) {
    if (rest_.size() < n + 1 || rest_[n] != '\n') return false;
    out.assign(rest_.substr(0, n));
    rest_.remove_prefix(n + 1);
    return true;
  }
  bool list(std::vector<StampedFile>& files) {
    size_t n = 0;
    if (!number(n, '\n') || n > rest_.size()) return false;
    files.resize(n);
    for (auto& f : files) {
      if (!number(f.size, ' ') || !number(f.mtime_ns, ' ') || !number(f.inode, ' ') ||
          !line(f.path)) {
        return false;
      }
    }
    return true;
  }
  bool at_end() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

// Size, mtime and inode of `path` now, into `f` (size -1 when missing).
void read_status(const char* path, StampedFile& f) {
  struct stat st;
  if (::stat(path, &st) != 0) return;
  // A folder's size is its entry table's: not a content measure; its mtime is.
  f.size = S_ISDIR(st.st_mode) ? 0 : static_cast<int64_t>(st.st_size);
  f.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  f.inode = static_cast<uint64_t>(st.st_ino);
}

// Every file as recorded; `prefix` + path is where it is now. Runs on every
// unchanged rebuild: one stat per file, no path objects or copies.
bool unchanged(const std::vector<StampedFile>& files, const std::string& prefix) {
  std::string where = prefix;
  return std::all_of(files.begin(), files.end(), [&](const StampedFile& f) {
    if (f.size == kUnknown) return false;
    where.resize(prefix.size());
    where += f.path;
    StampedFile now;
    read_status(where.c_str(), now);
    return now.size == f.size && now.mtime_ns == f.mtime_ns && now.inode == f.inode;
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
  read_status(path.c_str(), f);
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
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Reader r(text);
  BuildStamp s;
  size_t diagnostics_size = 0;
  // Damaged or foreign: not trusted; a full build rewrites it.
  if (!r.literal(kMagic) || !r.line(s.key) || !r.number(diagnostics_size, '\n') ||
      !r.bytes(s.diagnostics, diagnostics_size) || !r.list(s.inputs) || !r.list(s.input_dirs) ||
      !r.list(s.outputs) || !r.at_end()) {
    return std::nullopt;
  }
  return s;
}

bool BuildStamp::write(const fs::path& out_dir) const {
  std::string text(kMagic);
  text += key + "\n" + std::to_string(diagnostics.size()) + "\n" + diagnostics + "\n";
  for (const auto* list : {&inputs, &input_dirs, &outputs}) {
    for (const auto& f : *list) {
      if (f.path.find('\n') != std::string::npos) return false;  // not representable
    }
    write_list(text, *list);
  }
  fs::path target = location(out_dir);
  fs::path temp = target;
  temp += ".tmp-" + std::to_string(::getpid());
  std::error_code ec;
  if (!write_file_fully(temp, text)) {
    fs::remove(temp, ec);
    return false;
  }
  fs::rename(temp, target, ec);
  if (ec) fs::remove(temp, ec);
  return !ec;
}

bool BuildStamp::current(const std::string& expected_key, const fs::path& out_dir) const {
  return key == expected_key && !outputs.empty() && unchanged(inputs, "") &&
         unchanged(input_dirs, "") && unchanged(outputs, out_dir.string() + "/");
}

}  // namespace ivcapgen::output
