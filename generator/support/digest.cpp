#include "support/digest.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace ivcapgen::support {

namespace {

template <size_t N>
std::array<uint8_t, N> digest(const EVP_MD* md, std::string_view data) {
  std::array<uint8_t, N> out{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) != 1 || len != N) {
    throw std::runtime_error("libcrypto digest failed");
  }
  return out;
}

}  // namespace

std::array<uint8_t, 20> sha1(std::string_view data) {
  return digest<20>(EVP_sha1(), data);
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
  if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("libcrypto: cannot initialise SHA-256");
  }
}

void Sha256::update(std::string_view data) {
  if (EVP_DigestUpdate(ctx_.get(), data.data(), data.size()) != 1) {
    throw std::runtime_error("libcrypto: SHA-256 update failed");
  }
}

std::array<uint8_t, 32> Sha256::finish() {
  std::array<uint8_t, 32> out{};
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx_.get(), out.data(), &len) != 1 || len != out.size()) {
    throw std::runtime_error("libcrypto: SHA-256 failed");
  }
  return out;
}

std::string Sha256::finish_hex() {
  auto d = finish();
  return to_hex(d.data(), d.size());
}

std::array<uint8_t, 32> sha256(std::string_view data) {
  return digest<32>(EVP_sha256(), data);
}

std::string sha256_hex(std::string_view data) {
  auto d = sha256(data);
  return to_hex(d.data(), d.size());
}

std::string to_hex(const uint8_t* data, size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = kHex[data[i] >> 4];
    out[2 * i + 1] = kHex[data[i] & 15];
  }
  return out;
}

const std::array<uint8_t, 16> kUuidNamespaceDns = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                                   0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};

std::string uuid_v5(const std::array<uint8_t, 16>& namespace_id, std::string_view name) {
  std::string input(reinterpret_cast<const char*>(namespace_id.data()), namespace_id.size());
  input.append(name);
  auto digest = sha1(input);
  digest[6] = static_cast<uint8_t>((digest[6] & 0x0F) | 0x50);
  digest[8] = static_cast<uint8_t>((digest[8] & 0x3F) | 0x80);
  std::string hex = to_hex(digest.data(), 16);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

}  // namespace ivcapgen::support
