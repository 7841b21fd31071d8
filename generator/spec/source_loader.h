#pragma once
// Reads input files below a root directory. Every path and glob match is
// resolved (symlinks included) and refused when it leaves the root; files
// are size-checked before they are read and parsed defensively.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "spec/node.h"
#include "spec/yaml_reader.h"

namespace ivcapgen::spec {

namespace fs = std::filesystem;

struct LoadLimits {
  uintmax_t max_input_size = 16u << 20;  // --max-input-size
  ReadLimits yaml;
};

// The root of an environment (SPEC 2.5): --root, else the nearest ancestor of
// the environment file holding `.git`, else the environment file's folder.
fs::path find_root(const fs::path& environment_file, const std::optional<fs::path>& explicit_root);

class SourceLoader {
 public:
  SourceLoader(fs::path root, LoadLimits limits, diag::DiagnosticSink& sink);

  const fs::path& root() const { return root_; }
  // Every file read, and every folder listed or path looked up by a glob,
  // so far (absolute paths).
  const std::vector<std::string>& files_read() const { return files_read_; }
  const std::vector<std::string>& dirs_listed() const { return dirs_listed_; }

  // Where later diagnostics go (a loader serves one thread at a time).
  void set_sink(diag::DiagnosticSink& sink) { sink_ = &sink; }

  // Every document of a file, or nullopt after reporting why it could not be
  // read. `from` is where the path was named (invalid for the CLI argument).
  std::optional<std::vector<SourceNode>> read_documents(const fs::path& path,
                                                        const SourceLocation& from);

  // Files matching `pattern` (relative to `base`; `*`, `?`, `[..]` within a
  // segment, `**` across segments), sorted, each checked against the root.
  std::vector<fs::path> glob(const fs::path& base, const std::string& pattern,
                             const SourceLocation& from);

  // The path as shown in diagnostics: relative to the working directory
  // when below it.
  std::string display_path(const fs::path& p) const;

  // True when `p` (resolved) is inside the root; otherwise reports at `from`.
  bool check_inside_root(const fs::path& p, const SourceLocation& from);

 private:
  void report(const SourceLocation& from, std::string message, std::string rule);
  // `p` with symlinks resolved (as far as it exists).
  fs::path resolve(const fs::path& p);
  void glob_segments(const fs::path& dir, const std::vector<std::string>& segments, size_t index,
                     std::vector<fs::path>& out, int depth);

  fs::path root_;
  fs::path canonical_root_;
  fs::path cwd_;
  LoadLimits limits_;
  diag::DiagnosticSink* sink_;
  std::map<fs::path, fs::path> resolved_dirs_;
  std::vector<std::string> files_read_;
  std::vector<std::string> dirs_listed_;  // folder → folder with symlinks resolved
};

}  // namespace ivcapgen::spec
