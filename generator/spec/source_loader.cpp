#include "spec/source_loader.h"

#include <fnmatch.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace ivcapgen::spec {

namespace {

bool has_wildcard(const std::string& segment) {
  return segment.find_first_of("*?[") != std::string::npos;
}

std::vector<std::string> split_segments(const std::string& pattern) {
  std::vector<std::string> out;
  std::string current;
  for (char c : pattern) {
    if (c == '/') {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

bool is_below(const fs::path& p, const fs::path& root) {
  auto [root_end, _] = std::mismatch(root.begin(), root.end(), p.begin(), p.end());
  return root_end == root.end();
}

constexpr int kMaxGlobDepth = 32;

}  // namespace

fs::path find_root(const fs::path& environment_file, const std::optional<fs::path>& explicit_root) {
  if (explicit_root) return fs::absolute(*explicit_root).lexically_normal();
  fs::path dir = fs::absolute(environment_file).lexically_normal().parent_path();
  std::error_code ec;
  for (fs::path p = dir; !p.empty(); p = p.parent_path()) {
    if (fs::exists(p / ".git", ec)) return p;
    if (p == p.root_path()) break;
  }
  return dir;
}

SourceLoader::SourceLoader(fs::path root, LoadLimits limits, diag::DiagnosticSink& sink)
    : root_(std::move(root)), limits_(limits), sink_(&sink) {
  std::error_code ec;
  canonical_root_ = fs::weakly_canonical(root_, ec);
  if (ec) canonical_root_ = fs::absolute(root_).lexically_normal();
  cwd_ = fs::current_path(ec);
}

std::string SourceLoader::display_path(const fs::path& p) const {
  fs::path abs = fs::absolute(p).lexically_normal();
  if (!cwd_.empty() && is_below(abs, cwd_)) {
    fs::path rel = abs.lexically_relative(cwd_);
    if (!rel.empty()) return rel.generic_string();
  }
  return abs.generic_string();
}

void SourceLoader::report(const SourceLocation& from, std::string message, std::string rule) {
  sink_->error(from, std::move(message)).rule = std::move(rule);
}

fs::path SourceLoader::resolve(const fs::path& p) {
  std::error_code ec;
  // weakly_canonical costs a readlink per path component. A file that is not
  // a symlink resolves to its resolved folder plus its name, and the folders
  // of service files repeat. (Not with `..`: after a symlinked folder it
  // leads elsewhere than the text says.)
  bool has_dotdot = std::any_of(p.begin(), p.end(), [](const fs::path& c) { return c == ".."; });
  fs::path abs = fs::absolute(p, ec).lexically_normal();
  if (!ec && !has_dotdot && abs.has_filename() && abs.filename() != ".") {
    auto status = fs::symlink_status(abs, ec);
    if (!ec && fs::exists(status) && !fs::is_symlink(status)) {
      fs::path dir = abs.parent_path();
      auto it = resolved_dirs_.find(dir);
      if (it == resolved_dirs_.end()) {
        fs::path resolved = fs::weakly_canonical(dir, ec);
        if (ec) resolved = dir;
        it = resolved_dirs_.emplace(dir, std::move(resolved)).first;
      }
      return it->second / abs.filename();
    }
  }
  fs::path resolved = fs::weakly_canonical(p, ec);
  return ec ? fs::absolute(p).lexically_normal() : resolved;
}

bool SourceLoader::check_inside_root(const fs::path& p, const SourceLocation& from) {
  if (is_below(resolve(p), canonical_root_)) return true;
  std::string message = "'";  // not "'" + display_path(p): GCC 12 -O3 -Wrestrict
  message += display_path(p);
  message += "' is outside the root " + display_path(root_) + " (after resolving symlinks)";
  auto& d = sink_->error(from, std::move(message));
  d.note = "inputs must stay below the root; pass --root to choose another";
  d.rule = "path-escape";
  return false;
}

std::optional<std::vector<SourceNode>> SourceLoader::read_documents(const fs::path& path,
                                                                    const SourceLocation& from) {
  std::string shown = display_path(path);
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    report(from, "cannot read '" + shown + "': no such file", "io");
    return std::nullopt;
  }
  if (fs::is_directory(status)) {
    report(from, "'" + shown + "' is a directory, expected a YAML or JSON file", "io");
    return std::nullopt;
  }
  if (!fs::is_regular_file(status)) {
    report(from, "'" + shown + "' is not a regular file", "io");
    return std::nullopt;
  }
  if (!check_inside_root(path, from)) return std::nullopt;
  uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > limits_.max_input_size) {
    report(from,
           "'" + shown + "' is " + std::to_string(size >> 20) + " MiB, over the " +
               std::to_string(limits_.max_input_size >> 20) + " MiB input limit (--max-input-size)",
           "io");
    return std::nullopt;
  }
  files_read_.push_back(fs::absolute(path).lexically_normal().string());
  std::ifstream in(path, std::ios::binary);
  std::string text;
  if (in) {
    text.resize(static_cast<size_t>(size));
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in.gcount()));
  }
  if (!in && !in.eof()) {
    report(from, "cannot read '" + shown + "'", "io");
    return std::nullopt;
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);  // a BOM is not content
  auto file = std::make_shared<const diag::SourceFile>(shown, std::move(text));
  size_t errors_before = sink_->error_count();
  std::vector<SourceNode> documents = read_yaml(file, *sink_, limits_.yaml);
  if (sink_->error_count() > errors_before) return std::nullopt;
  // Drop empty documents (a trailing `---`); an empty file is an error.
  std::erase_if(documents, [](const SourceNode& d) { return d.is_null(); });
  if (documents.empty()) {
    sink_->error(SourceLocation{file, 1, 1, 0}, "'" + shown + "' is empty: no YAML document").rule =
        "io";
    return std::nullopt;
  }
  return documents;
}

void SourceLoader::glob_segments(const fs::path& dir, const std::vector<std::string>& segments,
                                 size_t index, std::vector<fs::path>& out, int depth) {
  if (depth > kMaxGlobDepth) return;
  std::error_code ec;
  if (index == segments.size()) {
    if (fs::is_regular_file(dir, ec)) out.push_back(dir);
    return;
  }
  // A file added to or removed from a listed folder changes its mtime; a
  // named path is recorded itself (whether it exists or not).
  auto record = [&](const fs::path& p) {
    dirs_listed_.push_back(fs::absolute(p).lexically_normal().string());
  };
  const std::string& segment = segments[index];
  if (!has_wildcard(segment) && segment != "**") {
    fs::path next = dir / segment;
    record(next);
    if (fs::exists(next, ec)) glob_segments(next, segments, index + 1, out, depth + 1);
    return;
  }
  record(dir);
  if (segment == "**") {
    glob_segments(dir, segments, index + 1, out, depth + 1);
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_directory(ec) && !it->path().filename().string().starts_with(".")) {
        glob_segments(it->path(), segments, index, out, depth + 1);
      }
    }
    return;
  }
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (fnmatch(segment.c_str(), name.c_str(), FNM_PERIOD) == 0) {
      glob_segments(it->path(), segments, index + 1, out, depth + 1);
    }
  }
}

std::vector<fs::path> SourceLoader::glob(const fs::path& base, const std::string& pattern,
                                         const SourceLocation& from) {
  std::vector<fs::path> matches;
  if (pattern.empty()) {
    report(from, "empty service path", "glob");
    return matches;
  }
  fs::path start = fs::path(pattern).is_absolute() ? fs::path("/") : base;
  std::vector<std::string> segments = split_segments(pattern);
  // Leading `..` segments are resolved first, so that the walk starts where
  // the pattern points and the root check sees the real place.
  size_t first = 0;
  while (first < segments.size() && (segments[first] == ".." || segments[first] == ".")) {
    start /= segments[first++];
  }
  start = start.lexically_normal();
  if (!check_inside_root(start, from)) return matches;
  segments.erase(segments.begin(), segments.begin() + static_cast<long>(first));
  glob_segments(start, segments, 0, matches, 0);
  std::vector<fs::path> inside;
  for (const auto& m : matches) {
    fs::path normal = m.lexically_normal();
    if (check_inside_root(normal, from)) inside.push_back(normal);
  }
  std::sort(inside.begin(), inside.end());
  inside.erase(std::unique(inside.begin(), inside.end()), inside.end());
  return inside;
}

}  // namespace ivcapgen::spec
