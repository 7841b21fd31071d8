#include "common/ivcap_urn.h"

#include <array>
#include <cstdint>
#include <random>

#include "common/content_digest.h"

namespace ivcap::runtime {

namespace {

bool is_lower_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

std::string format_uuid(const std::array<std::uint8_t, 16>& b) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 15];
  }
  return out;
}

}  // namespace

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !is_lower_hex(text[i])) return false;
  }
  return true;
}

bool is_sha256_hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!is_lower_hex(c)) return false;
  }
  return true;
}

bool is_service_id(std::string_view id) {
  return id.rfind(kServiceUrnPrefix, 0) == 0 && is_uuid(id.substr(kServiceUrnPrefix.size()));
}

bool is_order_id(std::string_view id) {
  return id.rfind(kOrderUrnPrefix, 0) == 0 && is_uuid(id.substr(kOrderUrnPrefix.size()));
}

std::optional<std::string> artifact_digest(std::string_view id) {
  if (id.rfind(kArtifactUrnPrefix, 0) != 0) return std::nullopt;
  std::string_view digest = id.substr(kArtifactUrnPrefix.size());
  if (!is_sha256_hex(digest)) return std::nullopt;
  return std::string(digest);
}

bool is_artifact_id(std::string_view id) {
  return artifact_digest(id) ||
         (id.rfind(kArtifactUrnPrefix, 0) == 0 && is_uuid(id.substr(kArtifactUrnPrefix.size())));
}

std::string artifact_urn(std::string_view sha256) {
  return std::string(kArtifactUrnPrefix) + std::string(sha256);
}

std::string new_uuid_v4() {
  std::random_device rd;
  std::array<std::uint8_t, 16> b{};
  for (size_t i = 0; i < 16; i += 4) {
    std::uint32_t r = rd();
    for (size_t j = 0; j < 4; ++j) b[i + j] = static_cast<std::uint8_t>(r >> (8 * j));
  }
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);
  return format_uuid(b);
}

std::string uuid_v5_dns(std::string_view name) {
  // 6ba7b810-9dad-11d1-80b4-00c04fd430c8, the RFC 4122 DNS namespace.
  static constexpr std::uint8_t kDns[16] = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                            0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
  std::string input(reinterpret_cast<const char*>(kDns), 16);
  input.append(name);
  auto digest = sha1(input);
  std::array<std::uint8_t, 16> b{};
  for (size_t i = 0; i < 16; ++i) b[i] = digest[i];
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x50);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);
  return format_uuid(b);
}

std::string service_id_for(std::string_view project, std::string_view name) {
  return std::string(kServiceUrnPrefix) +
         uuid_v5_dns(std::string(project) + "/" + std::string(name));
}

std::string order_uuid(std::string_view order_id) {
  return std::string(order_id.substr(kOrderUrnPrefix.size()));
}

}  // namespace ivcap::runtime
