#pragma once
// Binds an order's parameters to the service's declared parameters: order
// values win, then the declared defaults; unknown names, missing required
// values and values of the wrong type are refused. Artifact parameters must
// carry an artifact id (urn:ivcap:artifact:<sha256>), which the dispatcher
// stages into the order's sandbox.
#include <map>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

namespace ivcap::runtime {

struct BoundParameters {
  std::map<std::string, std::string> values;     // every declared name -> value ("" if unset)
  std::map<std::string, std::string> artifacts;  // artifact parameters with a value: name -> id
};

// `declared`: the service's `parameters` (array, may be absent/null);
// `given`: the order's `parameters` ([{name, value}], may be absent/null).
std::variant<BoundParameters, std::string> bind_parameters(const nlohmann::json& declared,
                                                           const nlohmann::json& given);

// Parameter names become file names in the sandbox (inputs/<name>).
bool is_safe_parameter_name(std::string_view name);

}  // namespace ivcap::runtime
