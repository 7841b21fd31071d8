#include "common/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <stdexcept>

namespace ivcap::runtime {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& p) {
  throw std::runtime_error(what + " " + p.string() + ": " + std::strerror(errno));
}

}  // namespace

int create_temp_file(const fs::path& dir, fs::path& temp_path) {
  std::random_device rd;
  for (int attempt = 0; attempt < 20; ++attempt) {
    temp_path = dir / (".tmp-" + std::to_string(rd()) + std::to_string(rd()));
    int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) return fd;
    if (errno != EEXIST) fail("cannot create", temp_path);
  }
  fail("cannot create a temp file in", dir);
}

void commit_temp_file(int fd, const fs::path& temp_path, const fs::path& target) {
  if (::fsync(fd) != 0) {
    ::close(fd);
    ::unlink(temp_path.c_str());
    fail("cannot fsync", temp_path);
  }
  ::close(fd);
  if (::rename(temp_path.c_str(), target.c_str()) != 0) {
    ::unlink(temp_path.c_str());
    fail("cannot rename onto", target);
  }
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
}

void write_file_atomically(const fs::path& target, std::string_view content, mode_t mode) {
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  fs::path temp;
  int fd = create_temp_file(dir, temp);
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      ::unlink(temp.c_str());
      fail("cannot write", temp);
    }
    done += static_cast<size_t>(n);
  }
  ::fchmod(fd, mode);
  commit_temp_file(fd, temp, target);
}

}  // namespace ivcap::runtime
