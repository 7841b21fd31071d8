#pragma once
// What one successful `build` read and wrote, by file status (size, mtime,
// inode), kept beside the output directory as `.<dir>.ivcapgen-stamp`. Output
// is a pure function of the inputs (SPEC 3, byte-stable), so when nothing the
// stamp names has changed — the ivcapgen binary and arguments (the key), every
// input file, every folder a service glob listed, every output file and
// folder — a rebuild can skip the compile and say the output is up to date.
// Like make and ninja it trusts modification times; an input modified while
// the build ran is never trusted. `build --check` and `--force` ignore it.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ivcapgen::output {

struct StampedFile {
  std::string path;   // absolute, or relative to the output directory for outputs
  int64_t size = -1;  // -1: does not exist; -2: unknown (never matches)
  int64_t mtime_ns = -1;
  uint64_t inode = 0;
  bool operator==(const StampedFile&) const = default;
};

// The status of `path` now (size -1 when it does not exist).
StampedFile stamp_file(const std::filesystem::path& path, std::string recorded_as);

struct BuildStamp {
  std::string key;          // ivcapgen binary, arguments and console settings
  std::string diagnostics;  // what the build printed about its inputs (replayed)
  std::vector<StampedFile> inputs;
  std::vector<StampedFile> input_dirs;
  std::vector<StampedFile> outputs;  // files and folders below the output directory

  // `.<name>.ivcapgen-stamp` beside the output directory.
  static std::filesystem::path location(const std::filesystem::path& out_dir);

  // Records a build that finished at the time of the call and started at
  // `started_ns` (CLOCK_REALTIME): inputs modified since are marked unknown.
  static BuildStamp record(std::string key, std::string diagnostics,
                           const std::vector<std::string>& input_files,
                           const std::vector<std::string>& input_dirs,
                           const std::filesystem::path& out_dir, int64_t started_ns);

  static std::optional<BuildStamp> read(const std::filesystem::path& out_dir);
  // Written atomically; false when it could not be (the build still stands).
  bool write(const std::filesystem::path& out_dir) const;

  // True when `key` matches and every recorded file and folder is as it was.
  bool current(const std::string& key, const std::filesystem::path& out_dir) const;
};

// Nanoseconds since the epoch (CLOCK_REALTIME), the clock of file times.
int64_t wall_clock_ns();

}  // namespace ivcapgen::output
