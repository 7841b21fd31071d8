#include "common/bearer_token.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/startup_error.h"

namespace ivcap::runtime {

BearerToken BearerToken::load(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    throw StartupError("cannot read token file " + file.string() + ": " + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) throw StartupError("token file " + file.string() + " is not a file");
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    throw StartupError("token file " + file.string() + " has mode " + mode +
                       ": it must not be accessible by group or others (chmod 600)");
  }
  if (st.st_size > 4096) throw StartupError("token file " + file.string() + " is too large");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in) throw StartupError("cannot read token file " + file.string());
  std::string token = content.str();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) {
    token.pop_back();
  }
  if (token.empty()) throw StartupError("token file " + file.string() + " is empty");
  for (char c : token) {
    if (c <= 0x20 || c >= 0x7f) {
      throw StartupError("token file " + file.string() +
                         " holds characters other than printable ASCII");
    }
  }
  return BearerToken(token);
}

bool BearerToken::accepts(std::string_view authorization) const {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() != kScheme.size() + value_.size()) return false;
  if (authorization.substr(0, kScheme.size()) != kScheme) return false;
  unsigned char diff = 0;
  std::string_view given = authorization.substr(kScheme.size());
  for (size_t i = 0; i < value_.size(); ++i) {
    diff |= static_cast<unsigned char>(given[i] ^ value_[i]);
  }
  return diff == 0;
}

}  // namespace ivcap::runtime
