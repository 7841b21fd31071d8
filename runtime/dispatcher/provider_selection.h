#pragma once
// ADR 6: the dispatcher picks a provider by the controller's `$schema`.
// Two refusals are distinct (seed 002): a known controller that cannot be
// ordered (app-server, service-proxy) and an unknown schema.
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "common/controller_schema.h"

namespace ivcap::runtime {

enum class ProviderKind { Basic, Argo, Dynamic };

struct ProviderRefusal {
  int status = 422;
  std::string code;  // controller-not-orderable | unknown-controller | invalid-controller
  std::string message;
};

std::variant<ProviderKind, ProviderRefusal> select_provider(const nlohmann::json& service);

std::string_view provider_name(ProviderKind kind);  // "basic", "argo", "dynamic"

}  // namespace ivcap::runtime
