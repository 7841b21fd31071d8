#pragma once
// SHA-256 (content addressing of artifacts) and SHA-1 (UUIDv5 service ids),
// through OpenSSL's EVP interface.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace ivcap::runtime {

class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  void update(std::string_view bytes);
  std::string hex();  // lowercase; call once

 private:
  void* ctx_;  // EVP_MD_CTX
};

std::string sha256_hex(std::string_view bytes);
std::array<std::uint8_t, 20> sha1(std::string_view bytes);

}  // namespace ivcap::runtime
