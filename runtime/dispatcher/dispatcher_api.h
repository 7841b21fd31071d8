#pragma once
// HTTP routes of the dispatcher (see runtime/README.md, "dispatcher").
#include "common/json_log.h"
#include "common/peer_client.h"
#include "dispatcher/instance_pool.h"
#include "dispatcher/order_queue.h"

namespace httplib {
class Server;
}

namespace ivcap::runtime {

void install_dispatcher_routes(httplib::Server& server, OrderQueue& orders, InstancePool& instances,
                               const PeerClient& data_proxy, JsonLog& log);

}  // namespace ivcap::runtime
