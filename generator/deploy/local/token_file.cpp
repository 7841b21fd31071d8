#include "deploy/local/token_file.h"

#include <sys/random.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "deploy/state.h"
#include "support/digest.h"

namespace ivcapgen::deploy::local {

namespace {

std::string octal_mode(unsigned mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", mode & 07777);
  return buf;
}

}  // namespace

std::string generate_token() {
  uint8_t bytes[32];
  size_t done = 0;
  while (done < sizeof bytes) {
    ssize_t n = ::getrandom(bytes + done, sizeof bytes - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("getrandom failed: ") + std::strerror(errno));
    }
    done += static_cast<size_t>(n);
  }
  return support::to_hex(bytes, sizeof bytes);
}

std::optional<std::string> read_token_file(const std::filesystem::path& file, std::string& error) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    error = "cannot read the token file " + file.string() + ": " + std::strerror(errno);
    return std::nullopt;
  }
  if ((st.st_mode & 077) != 0) {
    error = "the token file " + file.string() + " is accessible to other users (mode " +
            octal_mode(st.st_mode) +
            "), so its token may have leaked; delete it to get a new one at the next apply "
            "(after 'ivcapgen destroy'), or 'chmod 600' it if you are sure it did not";
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  std::string token = s.str();
  if (!token.empty() && token.back() == '\n') token.pop_back();
  if (token.empty() || token.size() > 4096) {
    error = "the token file " + file.string() + " is empty or too large";
    return std::nullopt;
  }
  for (unsigned char c : token) {
    if (c < 0x21 || c > 0x7e) {
      error = "the token file " + file.string() + " holds characters other than printable ASCII";
      return std::nullopt;
    }
  }
  return token;
}

std::optional<std::string> ensure_token_file(const std::filesystem::path& file, bool& created,
                                             std::string& error) {
  created = false;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    if (!write_file_atomically(file, generate_token() + "\n", error, 0600)) return std::nullopt;
    created = true;
  }
  return read_token_file(file, error);
}

}  // namespace ivcapgen::deploy::local
