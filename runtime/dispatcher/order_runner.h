#pragma once
// Runs one accepted order to completion, locally:
//   1. creates <data-dir>/orders/<uuid>/ with inputs/, results/, logs/;
//   2. stages each artifact parameter from the data proxy to inputs/<name>;
//   3. runs the plan's tasks in order (a task runs once the tasks it depends
//      on have succeeded; a failure fails the order and skips the rest), each
//      in the sandbox, with a clean environment, rlimits and the order's
//      wall-clock deadline;
//   4. uploads every regular file left in results/ to the data proxy;
//   5. removes the order directory (unless --keep-order-dirs).
// Dynamic-service orders start the service instead (InstancePool).
#include <atomic>
#include <functional>

#include "common/json_log.h"
#include "common/peer_client.h"
#include "dispatcher/dispatcher_config.h"
#include "dispatcher/instance_pool.h"
#include "dispatcher/order_ticket.h"
#include "dispatcher/sandbox.h"

namespace ivcap::runtime {

class OrderRunner {
 public:
  OrderRunner(const DispatcherConfig& config, const Sandbox& sandbox, const PeerClient& data_proxy,
              InstancePool& instances, JsonLog& log);

  // `progress` is called with the task list whenever a task changes state.
  OrderResult run(const OrderTicket& ticket, const std::atomic<bool>& cancel,
                  const std::function<void(const std::vector<TaskRecord>&)>& progress);

 private:
  OrderResult run_plan(const OrderTicket& ticket, const std::filesystem::path& dir,
                       const std::atomic<bool>& cancel,
                       const std::function<void(const std::vector<TaskRecord>&)>& progress);
  std::string stage_inputs(const OrderTicket& ticket, const std::filesystem::path& dir);
  std::string upload_results(const std::filesystem::path& results_dir, nlohmann::json& out);

  const DispatcherConfig& config_;
  const Sandbox& sandbox_;
  const PeerClient& data_proxy_;
  InstancePool& instances_;
  JsonLog& log_;
};

}  // namespace ivcap::runtime
