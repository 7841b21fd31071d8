#pragma once
// IVCAP identifiers: urn:ivcap:service:<uuid>, urn:ivcap:order:<uuid>,
// urn:ivcap:artifact:<sha256> (or <uuid>, see is_artifact_id). Validation is strict (lowercase canonical
// forms) so an id can safely become part of a file name or URL.
#include <optional>
#include <string>
#include <string_view>

namespace ivcap::runtime {

inline constexpr std::string_view kServiceUrnPrefix = "urn:ivcap:service:";
inline constexpr std::string_view kOrderUrnPrefix = "urn:ivcap:order:";
inline constexpr std::string_view kArtifactUrnPrefix = "urn:ivcap:artifact:";

bool is_uuid(std::string_view text);  // 8-4-4-4-12 lowercase hex
bool is_sha256_hex(std::string_view text);

bool is_service_id(std::string_view id);
bool is_order_id(std::string_view id);
// The sha256 of a content-addressed artifact id, or nullopt when malformed.
std::optional<std::string> artifact_digest(std::string_view id);
std::string artifact_urn(std::string_view sha256);
// Any IVCAP artifact id: the content-addressed form above, or the
// urn:ivcap:artifact:<uuid> of an IVCAP artifact store (a service document
// may name one; this data proxy only resolves the content-addressed form).
bool is_artifact_id(std::string_view id);

std::string new_uuid_v4();
// RFC 4122 name-based UUID (SHA-1) in the DNS namespace, as ivcapgen derives
// service ids: uuid_v5_dns("<project>/<name>").
std::string uuid_v5_dns(std::string_view name);
std::string service_id_for(std::string_view project, std::string_view name);

// The uuid part of an order id (used for directory names).
std::string order_uuid(std::string_view order_id);

}  // namespace ivcap::runtime
