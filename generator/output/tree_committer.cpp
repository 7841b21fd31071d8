#include "output/tree_committer.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <set>

namespace ivcapgen::output {

namespace fs = std::filesystem;

namespace {

std::string errno_text() {
  return std::strerror(errno);
}

bool read_whole(const fs::path& p, std::string& out) {
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  out.clear();
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return n == 0;
}

// Every regular file below `dir`, as generic relative paths.
std::set<std::string> existing_files(const fs::path& dir) {
  std::set<std::string> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) out.insert(it->path().lexically_relative(dir).generic_string());
  }
  return out;
}

// Exchanges two directories atomically (Linux renameat2); falls back to
// two renames where the filesystem cannot.
bool swap_directories(const fs::path& a, const fs::path& b) {
#ifdef RENAME_EXCHANGE
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return true;
  if (errno != EINVAL && errno != ENOSYS) return false;
#endif
  fs::path aside = b;
  aside += ".old";
  std::error_code ec;
  fs::remove_all(aside, ec);
  if (::rename(b.c_str(), aside.c_str()) != 0) return false;
  if (::rename(a.c_str(), b.c_str()) != 0) {
    ::rename(aside.c_str(), b.c_str());
    return false;
  }
  return ::rename(aside.c_str(), a.c_str()) == 0;
}

}  // namespace

bool write_file_fully(const fs::path& path, std::string_view content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int saved = errno;
      ::close(fd);
      errno = saved;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return ::close(fd) == 0;
}

TreeCommitter::TreeCommitter(fs::path out_dir, FileWriter writer)
    : out_dir_(fs::absolute(std::move(out_dir)).lexically_normal()), writer_(std::move(writer)) {}

CommitResult TreeCommitter::compare(const OutputTree& tree) const {
  CommitResult r;
  std::error_code ec;
  auto status = fs::status(out_dir_, ec);
  if (fs::exists(status) && !fs::is_directory(status)) {
    r.error = "output path " + out_dir_.string() + " exists and is not a directory";
    return r;
  }
  std::set<std::string> old;
  if (fs::exists(status)) {
    old = existing_files(out_dir_);
    // Never delete what is not ours: a non-empty directory must hold our manifest.
    if (!old.empty() && !old.count("manifest.json")) {
      r.error = "output directory " + out_dir_.string() +
                " is not empty and holds no manifest.json; refusing to replace it";
      return r;
    }
  }
  std::string current;
  for (const auto& [path, file] : tree.files()) {
    if (!old.count(path)) {
      r.changes.added.push_back(path);
    } else if (read_whole(out_dir_ / path, current) && current == file.content) {
      r.changes.unchanged.push_back(path);
    } else {
      r.changes.changed.push_back(path);
    }
  }
  for (const auto& path : old) {
    if (!tree.find(path)) r.changes.removed.push_back(path);
  }
  r.ok = true;
  return r;
}

CommitResult TreeCommitter::check(const OutputTree& tree) const {
  return compare(tree);
}

CommitResult TreeCommitter::commit(const OutputTree& tree) const {
  CommitResult r = compare(tree);
  if (!r.ok || !r.changes.any()) return r;
  r.ok = false;
  std::error_code ec;
  fs::path parent = out_dir_.parent_path();
  fs::create_directories(parent, ec);
  if (ec) {
    r.error = "cannot create " + parent.string() + ": " + ec.message();
    return r;
  }
  std::random_device rd;
  // Appended piecewise: "." + std::string trips GCC 12's -Wrestrict at -O3.
  std::string staging_name = ".";
  staging_name += out_dir_.filename().string();
  staging_name += ".tmp-";
  staging_name += std::to_string(::getpid());
  staging_name += '-';
  staging_name += std::to_string(rd());
  fs::path staging = parent / staging_name;
  auto fail = [&](std::string message) {
    r.error = std::move(message);
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    return r;
  };
  if (!fs::create_directory(staging, ec)) {
    return fail("cannot create " + staging.string() + ": " + ec.message());
  }
  std::set<std::string> unchanged(r.changes.unchanged.begin(), r.changes.unchanged.end());
  for (const auto& [path, file] : tree.files()) {
    fs::path target = staging / path;
    fs::create_directories(target.parent_path(), ec);
    if (ec) return fail("cannot create " + target.parent_path().string() + ": " + ec.message());
    // An unchanged file is linked, not rewritten: same inode, same mtime.
    if (unchanged.count(path) && ::link((out_dir_ / path).c_str(), target.c_str()) == 0) continue;
    if (!writer_(target, file.content)) {
      return fail("cannot write " + (out_dir_ / path).string() + ": " + errno_text());
    }
  }
  bool existed = fs::exists(out_dir_, ec);
  if (existed ? !swap_directories(staging, out_dir_)
              : ::rename(staging.c_str(), out_dir_.c_str()) != 0) {
    return fail("cannot replace " + out_dir_.string() + ": " + errno_text());
  }
  fs::remove_all(staging, ec);  // after a swap, this is the previous tree
  r.ok = true;
  return r;
}

}  // namespace ivcapgen::output
