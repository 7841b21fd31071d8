#include "gateway/tar_archive.h"

#include <cstdint>
#include <vector>

namespace ivcap::runtime {

namespace {

constexpr size_t kBlock = 512;
constexpr size_t kMaxEntries = 100000;

std::string field(std::string_view header, size_t offset, size_t length) {
  std::string_view f = header.substr(offset, length);
  auto nul = f.find('\0');
  return std::string(nul == std::string_view::npos ? f : f.substr(0, nul));
}

std::optional<std::uint64_t> octal(std::string_view header, size_t offset, size_t length) {
  std::uint64_t value = 0;
  bool any = false;
  for (char c : header.substr(offset, length)) {
    if (c == '\0' || c == ' ') {
      if (any) break;
      continue;
    }
    if (c < '0' || c > '7') return std::nullopt;
    if (value > (UINT64_MAX >> 3)) return std::nullopt;
    value = value * 8 + static_cast<std::uint64_t>(c - '0');
    any = true;
  }
  return value;
}

bool checksum_ok(std::string_view header) {
  auto stored = octal(header, 148, 8);
  if (!stored) return false;
  std::uint64_t sum = 0;
  for (size_t i = 0; i < kBlock; ++i) {
    sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(header[i]);
  }
  return sum == *stored;
}

// The `path` record of a pax extended header, if any.
std::optional<std::string> pax_path(std::string_view data) {
  size_t pos = 0;
  while (pos < data.size()) {
    size_t space = data.find(' ', pos);
    if (space == std::string_view::npos) return std::nullopt;
    size_t len = 0;
    for (size_t i = pos; i < space; ++i) {
      if (data[i] < '0' || data[i] > '9') return std::nullopt;
      len = len * 10 + static_cast<size_t>(data[i] - '0');
      if (len > data.size()) return std::nullopt;
    }
    if (len == 0 || pos + len > data.size()) return std::nullopt;
    std::string_view record = data.substr(space + 1, pos + len - space - 1);
    if (!record.empty() && record.back() == '\n') record.remove_suffix(1);
    if (record.rfind("path=", 0) == 0) return std::string(record.substr(5));
    pos += len;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> normalise_archive_path(std::string_view path) {
  if (path.empty() || path[0] == '/') return std::nullopt;
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    std::string_view part =
        path.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos);
    if (part == "..") return std::nullopt;
    if (!part.empty() && part != ".") parts.push_back(part);
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  std::string out;
  for (auto p : parts) {
    if (!out.empty()) out += '/';
    out.append(p);
  }
  return out;
}

std::optional<TarArchive> TarArchive::parse(std::string bytes) {
  TarArchive archive;
  archive.bytes_ = std::move(bytes);
  std::string_view data = archive.bytes_;
  if (data.size() < kBlock) return std::nullopt;
  size_t pos = 0;
  std::optional<std::string> next_name;
  size_t entries = 0;
  while (pos + kBlock <= data.size()) {
    std::string_view header = data.substr(pos, kBlock);
    if (header.find_first_not_of('\0') == std::string_view::npos) break;  // end of archive
    if (!checksum_ok(header) || ++entries > kMaxEntries) return std::nullopt;
    auto size = octal(header, 124, 12);
    if (!size) return std::nullopt;
    size_t content = pos + kBlock;
    if (*size > data.size() - content) return std::nullopt;
    char type = header[156];
    std::string name = field(header, 0, 100);
    if (header.substr(257, 5) == "ustar") {
      std::string prefix = field(header, 345, 155);
      if (!prefix.empty()) name = prefix + "/" + name;
    }
    std::string_view body = data.substr(content, *size);
    if (type == 'x') {
      next_name = pax_path(body);
    } else if (type == 'L') {
      auto nul = body.find('\0');
      next_name = std::string(nul == std::string_view::npos ? body : body.substr(0, nul));
    } else {
      if (next_name) name = *next_name;
      next_name.reset();
      if (type == '0' || type == '\0' || type == '7') {
        if (auto path = normalise_archive_path(name); path && !path->empty()) {
          archive.files_[*path] = {content, *size};
        }
      }
    }
    pos = content + ((*size + kBlock - 1) / kBlock) * kBlock;
  }
  return archive;
}

std::optional<std::string_view> TarArchive::file(std::string_view path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return std::string_view(bytes_).substr(it->second.first, it->second.second);
}

}  // namespace ivcap::runtime
