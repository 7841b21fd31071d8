#pragma once
// SHA-1 (for UUIDv5 service ids) and SHA-256 (for manifest and state hashes),
// by OpenSSL's libcrypto: it uses the CPU's SHA extensions, and hashing every
// output file for the manifest was a sixth of a build's instructions with a
// portable implementation (tests/bench/).
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace ivcapgen::support {

std::array<uint8_t, 20> sha1(std::string_view data);
std::array<uint8_t, 32> sha256(std::string_view data);
std::string sha256_hex(std::string_view data);
std::string to_hex(const uint8_t* data, size_t size);

// Incremental SHA-256 for hashing many pieces without concatenating them.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  std::array<uint8_t, 32> finish();
  std::string finish_hex();

 private:
  std::unique_ptr<evp_md_ctx_st, void (*)(evp_md_ctx_st*)> ctx_;
};

// RFC 4122 name-based UUID, version 5 (SHA-1), in canonical lowercase form.
std::string uuid_v5(const std::array<uint8_t, 16>& namespace_id, std::string_view name);
// The DNS namespace of RFC 4122 (6ba7b810-9dad-11d1-80b4-00c04fd430c8).
extern const std::array<uint8_t, 16> kUuidNamespaceDns;

}  // namespace ivcapgen::support
