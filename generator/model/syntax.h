#pragma once
// Syntax of the fields that have one (names, hosts, images, URNs). Free text
// has none and is passed through verbatim, never to a shell (SPEC 2.5).
#include <string_view>

namespace ivcapgen::model {

bool is_dns_label(std::string_view s);      // RFC 1123 label, <= 63
bool is_dns_subdomain(std::string_view s);  // RFC 1123 subdomain, <= 253
bool is_dns_name(std::string_view s);       // a host name with at least one dot or a label
bool is_label_key(std::string_view s);      // [prefix/]name as Kubernetes label keys
bool is_label_value(std::string_view s);
// IVCAP service names: lowercase letters, digits and '-', starting with a
// letter, ending with a letter or digit (seed 003).
bool is_service_name(std::string_view s);
bool is_project_name(std::string_view s);  // [a-z][a-z0-9_-]*
// An OCI image reference: [registry[:port]/]path[:tag][@digest], no spaces
// or shell metacharacters.
bool is_image_reference(std::string_view s);
bool is_uuid(std::string_view s);
// urn:ivcap:<kind>:<rest> with a safe alphabet.
bool is_ivcap_urn(std::string_view s, std::string_view kind);
// "1.32": a Kubernetes minor version.
bool is_minor_version(std::string_view s);
// Chart versions: semver with an optional leading "v".
bool is_chart_version(std::string_view s);
// A parameter or environment variable name.
bool is_identifier(std::string_view s);

}  // namespace ivcapgen::model
