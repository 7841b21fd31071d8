#include "model/syntax.h"

#include <cctype>
#include <string>

namespace ivcapgen::model {

namespace {

bool lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

bool is_number(std::string_view s) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

bool is_dns_label(std::string_view s) {
  if (s.empty() || s.size() > 63) return false;
  if (!lower_alnum(s.front()) || !lower_alnum(s.back())) return false;
  for (char c : s) {
    if (!lower_alnum(c) && c != '-') return false;
  }
  return true;
}

bool is_dns_subdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    std::string_view label = s.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (!is_dns_label(label)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool is_dns_name(std::string_view s) {
  return is_dns_subdomain(s);
}

bool is_label_value(std::string_view s) {
  if (s.empty()) return true;
  if (s.size() > 63 || !alnum(s.front()) || !alnum(s.back())) return false;
  for (char c : s) {
    if (!alnum(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

bool is_label_key(std::string_view s) {
  size_t slash = s.find('/');
  std::string_view name = s;
  if (slash != std::string_view::npos) {
    if (!is_dns_subdomain(s.substr(0, slash))) return false;
    name = s.substr(slash + 1);
  }
  return !name.empty() && is_label_value(name);
}

bool is_service_name(std::string_view s) {
  if (s.empty() || !(s.front() >= 'a' && s.front() <= 'z') || !lower_alnum(s.back())) return false;
  for (char c : s) {
    if (!lower_alnum(c) && c != '-') return false;
  }
  return true;
}

bool is_project_name(std::string_view s) {
  if (s.empty() || s.size() > 30 || !(s.front() >= 'a' && s.front() <= 'z')) return false;
  for (char c : s) {
    if (!lower_alnum(c) && c != '-' && c != '_') return false;
  }
  return true;
}

bool is_image_reference(std::string_view s) {
  if (s.empty() || s.size() > 512) return false;
  if (s.front() == '-' || s.front() == '/' || s.back() == '/' || s.back() == ':') return false;
  for (char c : s) {
    if (!(alnum(c) || c == '.' || c == '-' || c == '_' || c == '/' || c == ':' || c == '@'))
      return false;
  }
  return s.find("..") == std::string_view::npos && s.find("//") == std::string_view::npos;
}

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

bool is_ivcap_urn(std::string_view s, std::string_view kind) {
  std::string prefix = "urn:ivcap:" + std::string(kind) + ":";
  if (!s.starts_with(prefix) || s.size() == prefix.size() || s.size() > 256) return false;
  for (char c : s.substr(prefix.size())) {
    if (!(alnum(c) || c == '-' || c == '.' || c == '_' || c == ':')) return false;
  }
  return true;
}

bool is_minor_version(std::string_view s) {
  size_t dot = s.find('.');
  return dot != std::string_view::npos && is_number(s.substr(0, dot)) &&
         is_number(s.substr(dot + 1));
}

bool is_chart_version(std::string_view s) {
  if (s.starts_with('v')) s.remove_prefix(1);
  size_t end = s.find_first_of("-+");
  std::string_view core = s.substr(0, end);
  int parts = 0;
  size_t start = 0;
  while (true) {
    size_t dot = core.find('.', start);
    if (!is_number(core.substr(start, dot == std::string_view::npos ? dot : dot - start)))
      return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts != 3) return false;
  if (end == std::string_view::npos) return true;
  std::string_view rest = s.substr(end + 1);
  if (rest.empty()) return false;
  for (char c : rest) {
    if (!(alnum(c) || c == '.' || c == '-' || c == '+')) return false;
  }
  return true;
}

bool is_identifier(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  if (!(std::isalpha(static_cast<unsigned char>(s.front())) || s.front() == '_')) return false;
  for (char c : s) {
    if (!(alnum(c) || c == '_' || c == '-')) return false;
  }
  return true;
}

}  // namespace ivcapgen::model
