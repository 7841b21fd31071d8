#pragma once
// Wave 6: service registration with the gateway's REST API. Each catalog
// document is PUT to /1/services/{id} (create or replace: idempotent by id);
// destroy DELETEs them. HTTPS (or HTTP for a loopback gateway) with
// cpp-httplib; the bearer token is sent in a header and never logged.
#include <chrono>
#include <optional>
#include <string>

#include "tools/tool_result.h"

namespace ivcapgen::deploy {

struct GatewayEndpoint {
  std::string base_url;  // https://api.example.org or http://127.0.0.1:8080, maybe with a path
  std::optional<std::string> token;
  std::chrono::seconds timeout{30};
};

class ServiceRegistry {
 public:
  virtual ~ServiceRegistry() = default;
  // PUT /1/services/{id}; the HTTP status on success (200, 201, 204).
  virtual tools::ToolResult<int> put_service(const std::string& id,
                                             const std::string& document) = 0;
  // DELETE /1/services/{id}; false when it was not registered (404).
  virtual tools::ToolResult<bool> delete_service(const std::string& id) = 0;
};

class HttpServiceRegistry final : public ServiceRegistry {
 public:
  explicit HttpServiceRegistry(GatewayEndpoint endpoint) : endpoint_(std::move(endpoint)) {}
  tools::ToolResult<int> put_service(const std::string& id, const std::string& document) override;
  tools::ToolResult<bool> delete_service(const std::string& id) override;

 private:
  GatewayEndpoint endpoint_;
};

// The path of a service: /1/services/<id, percent-encoded where needed>.
std::string service_path(const std::string& id);

}  // namespace ivcapgen::deploy
