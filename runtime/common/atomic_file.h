#pragma once
// Files replaced atomically: write a temp file beside the target, fsync,
// rename over the target, fsync the directory. Readers see the old or the
// new content, never a torn one.
#include <filesystem>
#include <string_view>

#include <sys/types.h>

namespace ivcap::runtime {

// Throws std::runtime_error on failure (the temp file is removed).
void write_file_atomically(const std::filesystem::path& target, std::string_view content,
                           mode_t mode);

// Opens a fresh temp file in `dir` (O_EXCL, mode 0600); returns fd and path.
int create_temp_file(const std::filesystem::path& dir, std::filesystem::path& temp_path);

// fsync(fd), close it, rename temp -> target, fsync the directory.
void commit_temp_file(int fd, const std::filesystem::path& temp_path,
                      const std::filesystem::path& target);

}  // namespace ivcap::runtime
