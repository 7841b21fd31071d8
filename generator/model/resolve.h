#pragma once
// Defaults that depend on other fields (the provider, mostly). Field-level
// defaults are member initialisers; these are the rest, applied once after
// decoding so every later stage sees one complete model.
#include "model/model.h"

namespace ivcapgen::model {

// Default loopback ports of the local runtime components.
inline constexpr int64_t kDefaultGatewayPort = 8700;
inline constexpr int64_t kDefaultDispatcherPort = 8701;
inline constexpr int64_t kDefaultDataProxyPort = 8702;
inline constexpr int64_t kDefaultExitHandlerPort = 8703;

void resolve_environment_defaults(Environment& env);
// Service ids, description hashes, and the sort order of services.
void resolve_service_defaults(Model& m);

}  // namespace ivcapgen::model
