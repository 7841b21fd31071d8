#include "deploy/state_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace ivcapgen::deploy {

namespace fs = std::filesystem;

namespace {

std::string now_rfc3339() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

std::string describe(const LockHolder& h) {
  return "pid " + std::to_string(h.pid) + " on " + h.host + " (" + h.command + ") since " +
         h.started;
}

std::optional<LockHolder> parse_holder(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  LockHolder h;
  h.pid = j.value("pid", 0);
  h.host = j.value("host", "");
  h.started = j.value("started", "");
  h.command = j.value("command", "");
  return h;
}

std::string read_fd(int fd) {
  std::string out;
  char buf[4096];
  ::lseek(fd, 0, SEEK_SET);
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

}  // namespace

StateLock::StateLock(fs::path file, int fd, LockHolder holder)
    : file_(std::move(file)), fd_(fd), holder_(std::move(holder)) {}

StateLock::StateLock(StateLock&& other) noexcept
    : file_(std::move(other.file_)), fd_(other.fd_), holder_(std::move(other.holder_)) {
  other.fd_ = -1;
}

StateLock::~StateLock() {
  if (fd_ < 0) return;
  // Empty, then unlink, while still holding the flock: a waiter that opened
  // this inode sees it is no longer the lock file (acquire re-checks).
  if (::ftruncate(fd_, 0) != 0) {
    // Nothing to do: the file is unlinked next either way.
  }
  ::unlink(file_.c_str());
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

std::optional<LockHolder> StateLock::read_holder(const fs::path& dir) {
  std::ifstream in(dir / "lock");
  if (!in) return std::nullopt;
  std::stringstream s;
  s << in.rdbuf();
  return parse_holder(s.str());
}

std::optional<StateLock> StateLock::acquire(const fs::path& dir, const std::string& command,
                                            Failure& failure, bool force) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  fs::path file = dir / "lock";
  int fd = -1;
  // Retry while the file we locked was unlinked by a releasing holder in
  // the meantime: only a lock on the file at `file` counts.
  for (int attempt = 0;; ++attempt) {
    fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
      failure.message = "cannot open lock file " + file.string() + ": " + std::strerror(errno);
      return std::nullopt;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      auto holder = parse_holder(read_fd(fd));
      ::close(fd);
      failure.holder = holder;
      failure.message = "state is locked by " + (holder ? describe(*holder) : "another process") +
                        " (" + file.string() + ")";
      return std::nullopt;
    }
    struct stat locked {
    }, current{};
    if (::fstat(fd, &locked) == 0 && ::stat(file.c_str(), &current) == 0 &&
        locked.st_ino == current.st_ino && locked.st_dev == current.st_dev) {
      break;
    }
    ::flock(fd, LOCK_UN);
    ::close(fd);
    if (attempt == 10) {
      failure.message = "lock file " + file.string() + " keeps changing; is another apply racing?";
      return std::nullopt;
    }
  }
  // We hold the flock. Leftover content means its writer died without
  // unlocking: a stale lock, taken over only when asked to.
  std::string previous = read_fd(fd);
  if (!previous.empty()) {
    auto holder = parse_holder(previous);
    if (!force) {
      ::flock(fd, LOCK_UN);
      ::close(fd);
      failure.holder = holder;
      failure.stale = true;
      failure.message = "stale lock left by " +
                        (holder ? describe(*holder) : "an unknown process") +
                        ", which is no longer running; re-run with --force-unlock to clear it";
      return std::nullopt;
    }
  }
  LockHolder me{static_cast<int>(::getpid()), host_name(), now_rfc3339(), command};
  std::string content =
      nlohmann::json{
          {"pid", me.pid}, {"host", me.host}, {"started", me.started}, {"command", me.command}}
          .dump() +
      "\n";
  if (::ftruncate(fd, 0) != 0 ||
      ::pwrite(fd, content.data(), content.size(), 0) != static_cast<ssize_t>(content.size())) {
    failure.message = "cannot write lock file " + file.string() + ": " + std::strerror(errno);
    ::flock(fd, LOCK_UN);
    ::close(fd);
    return std::nullopt;
  }
  ::fsync(fd);
  return StateLock(file, fd, me);
}

bool StateLock::force_unlock(const fs::path& dir, std::string& error) {
  std::error_code ec;
  fs::remove(dir / "lock", ec);
  if (ec) {
    error = "cannot remove " + (dir / "lock").string() + ": " + ec.message();
    return false;
  }
  return true;
}

}  // namespace ivcapgen::deploy
