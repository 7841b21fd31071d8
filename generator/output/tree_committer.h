#pragma once
// Writes an OutputTree to disk as one atomic step: the new tree is built in
// a temporary sibling directory (unchanged files hard-linked, so they are not
// rewritten), then swapped in with one rename. A failure at any point leaves
// the previous output untouched. `check` compares without writing.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "output/output_tree.h"

namespace ivcapgen::output {

struct TreeChanges {
  std::vector<std::string> added;
  std::vector<std::string> changed;
  std::vector<std::string> removed;
  std::vector<std::string> unchanged;
  bool any() const { return !added.empty() || !changed.empty() || !removed.empty(); }
};

struct CommitResult {
  bool ok = false;
  std::string error;  // when !ok
  TreeChanges changes;
};

// Writes `content` to `path`; returns false (with errno set) on failure.
// Tests substitute one that fails to simulate a full disk.
using FileWriter = std::function<bool(const std::filesystem::path& path, std::string_view content)>;
bool write_file_fully(const std::filesystem::path& path, std::string_view content);

class TreeCommitter {
 public:
  explicit TreeCommitter(std::filesystem::path out_dir, FileWriter writer = write_file_fully);

  // What committing `tree` would change (reads the existing directory).
  CommitResult check(const OutputTree& tree) const;
  // Makes the directory hold exactly `tree`.
  CommitResult commit(const OutputTree& tree) const;

 private:
  CommitResult compare(const OutputTree& tree) const;
  std::filesystem::path out_dir_;
  FileWriter writer_;
};

}  // namespace ivcapgen::output
