#include "dispatcher/service_env.h"

#include "dispatcher/sandbox.h"

namespace ivcap::runtime {

std::vector<std::string> service_environment(
    const std::map<std::string, std::string>& ivcap,
    const std::vector<std::pair<std::string, std::string>>& declared) {
  std::map<std::string, std::string> env;
  for (const auto& [name, value] : declared) env[name] = value;
  // Platform variables win over anything a service declares.
  for (const auto& [name, value] : ivcap) {
    if (!value.empty()) env[name] = value;
  }
  env["PATH"] = kServicePath;
  std::vector<std::string> out;
  for (const auto& [name, value] : env) out.push_back(name + "=" + value);
  return out;
}

}  // namespace ivcap::runtime
