#include "common/media_type.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace ivcap::runtime {

std::string media_type_for(std::string_view file_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kTypes{{
      {".css", "text/css"},          {".csv", "text/csv"},          {".gif", "image/gif"},
      {".gz", "application/gzip"},   {".htm", "text/html"},         {".html", "text/html"},
      {".ico", "image/x-icon"},      {".jpeg", "image/jpeg"},       {".jpg", "image/jpeg"},
      {".js", "text/javascript"},    {".json", "application/json"}, {".map", "application/json"},
      {".md", "text/markdown"},      {".pdf", "application/pdf"},   {".png", "image/png"},
      {".svg", "image/svg+xml"},     {".tar", "application/x-tar"}, {".txt", "text/plain"},
      {".wasm", "application/wasm"}, {".webp", "image/webp"},       {".woff2", "font/woff2"},
      {".xml", "application/xml"},   {".yaml", "application/yaml"}, {".zip", "application/zip"},
  }};
  auto slash = file_name.rfind('/');
  std::string_view base = slash == std::string_view::npos ? file_name : file_name.substr(slash + 1);
  auto dot = base.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  std::string ext(base.substr(dot));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& [e, type] : kTypes) {
    if (e == ext) return std::string(type);
  }
  if (ext == ".yml") return "application/yaml";
  return "application/octet-stream";
}

}  // namespace ivcap::runtime
