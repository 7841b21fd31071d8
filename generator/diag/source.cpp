#include "diag/source.h"

namespace ivcapgen::diag {

SourceFile::SourceFile(std::string display_path, std::string text)
    : path_(std::move(display_path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

std::string_view SourceFile::line(uint32_t n) const {
  if (n == 0 || n > line_starts_.size()) return {};
  uint32_t begin = line_starts_[n - 1];
  uint32_t end =
      n < line_starts_.size() ? line_starts_[n] - 1 : static_cast<uint32_t>(text_.size());
  std::string_view sv(text_.data() + begin, end - begin);
  if (!sv.empty() && sv.back() == '\r') sv.remove_suffix(1);
  return sv;
}

const std::string& SourceLocation::path() const {
  static const std::string kNone = "<default>";
  return file ? file->path() : kNone;
}

std::string SourceLocation::to_string() const {
  if (!file) return "<default>";
  if (line == 0) return file->path();
  return file->path() + ":" + std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace ivcapgen::diag
