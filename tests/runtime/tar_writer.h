#pragma once
// Builds small ustar archives for tests (GNU long-name records for names
// over 100 bytes).
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace ivcap::runtime::testing {

inline std::string tar_header(const std::string& name, size_t size, char type) {
  std::string h(512, '\0');
  std::snprintf(&h[0], 100, "%s", name.substr(0, 99).c_str());
  std::snprintf(&h[100], 8, "%07o", 0644);
  std::snprintf(&h[108], 8, "%07o", 0);
  std::snprintf(&h[116], 8, "%07o", 0);
  std::snprintf(&h[124], 12, "%011zo", size);
  std::snprintf(&h[136], 12, "%011o", 0);
  h[156] = type;
  std::snprintf(&h[257], 6, "ustar");
  h[263] = '0';
  h[264] = '0';
  for (int i = 148; i < 156; ++i) h[i] = ' ';
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  std::snprintf(&h[148], 8, "%06o", sum);
  return h;
}

inline void tar_append(std::string& out, const std::string& content) {
  out += content;
  out.append((512 - content.size() % 512) % 512, '\0');
}

inline std::string make_tar(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string out;
  for (const auto& [name, content] : files) {
    if (name.size() > 99) {
      out += tar_header("././@LongLink", name.size() + 1, 'L');
      tar_append(out, name + '\0');
    }
    out += tar_header(name, content.size(), '0');
    tar_append(out, content);
  }
  out.append(1024, '\0');
  return out;
}

}  // namespace ivcap::runtime::testing

using ivcap::runtime::testing::make_tar;
