#pragma once
// Accepted orders wait here for one of --max-parallel-orders workers. The
// queue keeps each order's live record (for GET /1/orders/{id}) and reports
// every finished order to the exit handler (retrying a few times).
#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/json_log.h"
#include "common/peer_client.h"
#include "dispatcher/order_runner.h"
#include "dispatcher/order_ticket.h"

namespace ivcap::runtime {

class OrderQueue {
 public:
  OrderQueue(OrderRunner& runner, const PeerClient& exit_handler, JsonLog& log, int workers);
  ~OrderQueue();
  OrderQueue(const OrderQueue&) = delete;
  OrderQueue& operator=(const OrderQueue&) = delete;

  // False when an order with this id is already known.
  bool submit(OrderTicket ticket);
  std::optional<nlohmann::json> status(const std::string& order_id);
  nlohmann::json list();
  // Cancels running orders (their processes are killed and they are
  // reported as "error"), reports queued ones likewise, joins the workers.
  void shut_down();

 private:
  struct Record {
    OrderTicket ticket;
    std::string status = "queued";  // queued | running | succeeded | failed | error
    std::string submitted_at;
    std::string started_at;
    std::string finished_at;
    OrderResult result;
  };
  void work();
  void finish(const std::string& order_id, OrderResult result);
  void report(const Record& record);
  static nlohmann::json to_json(const Record& record);

  OrderRunner& runner_;
  const PeerClient& exit_handler_;
  JsonLog& log_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> pending_;
  std::map<std::string, Record> records_;
  std::deque<std::string> finished_order_;  // oldest first, to bound memory
  std::atomic<bool> cancel_{false};
  bool closing_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace ivcap::runtime
