#pragma once
// HTTP routes of the gateway (see runtime/README.md, "gateway").
#include <string>

#include "common/component_server.h"
#include "common/json_log.h"
#include "common/peer_client.h"
#include "gateway/app_site.h"
#include "gateway/order_book.h"
#include "gateway/service_registry.h"

namespace ivcap::runtime {

struct GatewayContext {
  ServiceRegistry& services;
  OrderBook& orders;
  AppSiteCache& sites;
  const PeerClient& dispatcher;
  const PeerClient& data_proxy;
  const PeerClient& exit_handler;
  JsonLog& log;
  std::string project;  // dynamic services answer at /<project>-<name>/...
  std::string domain;   // an app-server host "x" also answers as "x.<domain>"
};

void install_gateway_routes(ComponentServer& server, GatewayContext& context);

}  // namespace ivcap::runtime
