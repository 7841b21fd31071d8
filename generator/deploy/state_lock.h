#pragma once
// The exclusive lock of an environment's state: `.ivcapgen/<env>/lock`
// holding {pid, host, started}. A second apply fails fast naming the holder.
// The file is also flock()ed while held, so a lock left by a process that
// died is recognised as stale (no live flock) and reported as such;
// --force-unlock removes it with a warning.
#include <filesystem>
#include <optional>
#include <string>

namespace ivcapgen::deploy {

struct LockHolder {
  int pid = 0;
  std::string host;
  std::string started;  // RFC 3339 UTC
  std::string command;  // "apply", "destroy", ...
};

class StateLock {
 public:
  StateLock(StateLock&& other) noexcept;
  StateLock& operator=(StateLock&&) = delete;
  StateLock(const StateLock&) = delete;
  ~StateLock();

  struct Failure {
    std::string message;  // names the holder: "locked by pid 4242 on host-a since ..."
    std::optional<LockHolder> holder;
    bool stale = false;  // the holder is gone; --force-unlock clears it
  };

  // Takes the lock or says who has it. With `force`, a lock whose holder is
  // gone (stale) is taken over; a live holder is never overridden.
  static std::optional<StateLock> acquire(const std::filesystem::path& dir,
                                          const std::string& command, Failure& failure,
                                          bool force = false);
  // Removes the lock file whatever holds it (for --force-unlock); the caller warns.
  static bool force_unlock(const std::filesystem::path& dir, std::string& error);
  static std::optional<LockHolder> read_holder(const std::filesystem::path& dir);

  const LockHolder& holder() const { return holder_; }

 private:
  StateLock(std::filesystem::path file, int fd, LockHolder holder);
  std::filesystem::path file_;
  int fd_ = -1;
  LockHolder holder_;
};

}  // namespace ivcapgen::deploy
