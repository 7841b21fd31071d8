#pragma once
// HTTP routes of the exit handler (see runtime/README.md, "exit-handler").
#include "common/json_log.h"
#include "exit_handler/outcome_store.h"

namespace httplib {
class Server;
}

namespace ivcap::runtime {

void install_exit_handler_routes(httplib::Server& server, OutcomeStore& store, JsonLog& log);

}  // namespace ivcap::runtime
