#pragma once
// HTTP routes of the data proxy (see runtime/README.md, "data-proxy").
#include "common/json_log.h"
#include "data_proxy/artifact_store.h"

namespace httplib {
class Server;
}

namespace ivcap::runtime {

void install_data_proxy_routes(httplib::Server& server, ArtifactStore& store, JsonLog& log);

}  // namespace ivcap::runtime
