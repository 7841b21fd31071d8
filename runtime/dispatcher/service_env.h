#pragma once
// The whole environment of a service process: a minimal PATH, the IVCAP_*
// variables, and what the service itself declares (container `env`, and
// PORT/CONTEXT_ROOT for dynamic services). Nothing leaks from the
// dispatcher's own environment.
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ivcap::runtime {

std::vector<std::string> service_environment(
    const std::map<std::string, std::string>& ivcap,
    const std::vector<std::pair<std::string, std::string>>& declared);

}  // namespace ivcap::runtime
