#pragma once
// A read-only view of an in-memory tar archive (ustar, with pax `path`
// records and GNU long names), for serving app-server sites. Entries whose
// path is absolute or contains ".." are ignored; only regular files are
// listed.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ivcap::runtime {

class TarArchive {
 public:
  // nullopt when `bytes` is not a well-formed tar archive (bad header
  // checksum, truncated entry, too many entries).
  static std::optional<TarArchive> parse(std::string bytes);

  // The content of the file at `path` (normalised: no leading "./" or "/").
  std::optional<std::string_view> file(std::string_view path) const;
  size_t size() const { return files_.size(); }

 private:
  std::string bytes_;
  std::map<std::string, std::pair<size_t, size_t>, std::less<>> files_;  // path -> offset, size
};

// "a/./b//c" -> "a/b/c"; nullopt for absolute paths or any ".." component.
std::optional<std::string> normalise_archive_path(std::string_view path);

}  // namespace ivcap::runtime
