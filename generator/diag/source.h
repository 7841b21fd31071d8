#pragma once
// Source files and positions in them. Every value read from an input keeps a
// SourceLocation so that any later stage can point at the line that set it.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ivcapgen::diag {

// The text of one input file as read, and the path to show for it.
class SourceFile {
 public:
  SourceFile(std::string display_path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // Line `n` (1-based) without its line break; empty when out of range.
  std::string_view line(uint32_t n) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

using SourceFilePtr = std::shared_ptr<const SourceFile>;

// A position (1-based line and column) and the length of the token there.
// A location without a file means "no source" (a built-in default).
struct SourceLocation {
  SourceFilePtr file;
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t length = 0;

  bool valid() const { return file != nullptr && line > 0; }
  const std::string& path() const;
  std::string to_string() const;  // "path:line:col" or "<default>"
};

}  // namespace ivcapgen::diag
