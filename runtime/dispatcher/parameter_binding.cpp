#include "dispatcher/parameter_binding.h"

#include <cctype>
#include <cstdlib>
#include <set>

#include "common/ivcap_urn.h"

namespace ivcap::runtime {

namespace {

std::optional<std::string> scalar_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return v.dump();
  return std::nullopt;
}

bool is_int(const std::string& s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

bool is_float(const std::string& s) {
  if (s.empty() || std::isspace(static_cast<unsigned char>(s[0]))) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

std::string check_type(const nlohmann::json& decl, const std::string& name,
                       const std::string& value) {
  std::string type = decl.contains("type") && decl["type"].is_string()
                         ? decl["type"].get<std::string>()
                         : "string";
  auto bad = [&](const std::string& what) {
    return "parameter '" + name + "' must be " + what + ", got '" + value + "'";
  };
  if (type == "int" && !is_int(value)) return bad("an integer");
  if (type == "float" && !is_float(value)) return bad("a number");
  if (type == "bool" && value != "true" && value != "false") return bad("true or false");
  if (type == "artifact" && !artifact_digest(value)) {
    return bad("an artifact id (urn:ivcap:artifact:<sha256>)");
  }
  if (type == "option" && decl.contains("options") && decl["options"].is_array()) {
    std::string allowed;
    for (const auto& opt : decl["options"]) {
      auto v =
          opt.is_object() && opt.contains("value") ? scalar_text(opt["value"]) : scalar_text(opt);
      if (!v) continue;
      if (*v == value) return {};
      allowed += (allowed.empty() ? "" : ", ") + *v;
    }
    return bad("one of: " + allowed);
  }
  return {};
}

}  // namespace

bool is_safe_parameter_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name[0] == '.') return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) {
      return false;
    }
  }
  return true;
}

std::variant<BoundParameters, std::string> bind_parameters(const nlohmann::json& declared,
                                                           const nlohmann::json& given) {
  if (!declared.is_null() && !declared.is_array()) return "service 'parameters' is not an array";
  if (!given.is_null() && !given.is_array()) return "order 'parameters' must be an array";

  std::map<std::string, const nlohmann::json*> decls;
  if (declared.is_array()) {
    for (const auto& d : declared) {
      if (!d.is_object() || !d.contains("name") || !d["name"].is_string()) {
        return "service parameter without a 'name'";
      }
      std::string name = d["name"].get<std::string>();
      if (!is_safe_parameter_name(name)) {
        return "service parameter name '" + name + "' is not [A-Za-z0-9_.-]{1,64}";
      }
      decls[name] = &d;
    }
  }

  std::map<std::string, std::string> values;
  if (given.is_array()) {
    for (const auto& p : given) {
      if (!p.is_object() || !p.contains("name") || !p["name"].is_string()) {
        return "each order parameter must be an object {\"name\", \"value\"}";
      }
      std::string name = p["name"].get<std::string>();
      if (!decls.count(name)) {
        std::string known;
        for (const auto& [n, d] : decls) known += (known.empty() ? "" : ", ") + n;
        return "unknown parameter '" + name +
               "'; the service declares: " + (known.empty() ? "(none)" : known);
      }
      if (values.count(name)) return "parameter '" + name + "' given more than once";
      if (!p.contains("value") || p["value"].is_null()) continue;
      auto text = scalar_text(p["value"]);
      if (!text) return "parameter '" + name + "' must have a string, number or bool value";
      values[name] = *text;
    }
  }

  BoundParameters out;
  for (const auto& [name, decl] : decls) {
    std::optional<std::string> value;
    if (auto it = values.find(name); it != values.end()) {
      value = it->second;
    } else if (decl->contains("default") && !(*decl)["default"].is_null()) {
      value = scalar_text((*decl)["default"]);
      if (!value) return "default of parameter '" + name + "' is not a scalar";
    }
    bool optional = decl->contains("optional") && (*decl)["optional"].is_boolean() &&
                    (*decl)["optional"].get<bool>();
    if (!value) {
      if (!optional) return "missing required parameter '" + name + "'";
      out.values[name] = "";
      continue;
    }
    if (auto why = check_type(*decl, name, *value); !why.empty()) return why;
    out.values[name] = *value;
    if (decl->contains("type") && (*decl)["type"] == "artifact") out.artifacts[name] = *value;
  }
  return out;
}

}  // namespace ivcap::runtime
