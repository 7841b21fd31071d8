#include "dispatcher/order_queue.h"

#include "common/http_errors.h"
#include "common/rfc3339_time.h"

namespace ivcap::runtime {

namespace {

constexpr size_t kKeptFinishedOrders = 1000;

std::string now_text() {
  return format_rfc3339(std::chrono::system_clock::now());
}

nlohmann::json tasks_json(const std::vector<TaskRecord>& tasks) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : tasks) {
    nlohmann::json item = {{"name", t.name}, {"status", t.status}};
    if (t.exit_code) item["exit-code"] = *t.exit_code;
    if (!t.message.empty()) item["message"] = t.message;
    out.push_back(item);
  }
  return out;
}

}  // namespace

OrderQueue::OrderQueue(OrderRunner& runner, const PeerClient& exit_handler, JsonLog& log,
                       int workers)
    : runner_(runner), exit_handler_(exit_handler), log_(log) {
  for (int i = 0; i < std::max(1, workers); ++i) workers_.emplace_back([this] { work(); });
}

OrderQueue::~OrderQueue() {
  shut_down();
}

bool OrderQueue::submit(OrderTicket ticket) {
  std::lock_guard lock(mutex_);
  if (closing_ || records_.count(ticket.order_id)) return false;
  std::string id = ticket.order_id;
  Record record;
  record.ticket = std::move(ticket);
  record.submitted_at = now_text();
  records_.emplace(id, std::move(record));
  pending_.push_back(id);
  wake_.notify_one();
  return true;
}

nlohmann::json OrderQueue::to_json(const Record& r) {
  nlohmann::json j = {{"id", r.ticket.order_id},
                      {"service", r.ticket.service_id},
                      {"provider", provider_name(r.ticket.provider)},
                      {"status", r.status},
                      {"submitted-at", r.submitted_at},
                      {"tasks", tasks_json(r.result.tasks)}};
  if (!r.started_at.empty()) j["started-at"] = r.started_at;
  if (!r.finished_at.empty()) {
    j["finished-at"] = r.finished_at;
    j["results"] = r.result.results;
    j["message"] = r.result.message;
    j["log"] = r.result.log_excerpt;
    j["exit-code"] = r.result.exit_code ? nlohmann::json(*r.result.exit_code) : nlohmann::json();
  }
  return j;
}

std::optional<nlohmann::json> OrderQueue::status(const std::string& order_id) {
  std::lock_guard lock(mutex_);
  auto it = records_.find(order_id);
  if (it == records_.end()) return std::nullopt;
  return to_json(it->second);
}

nlohmann::json OrderQueue::list() {
  std::lock_guard lock(mutex_);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& [id, r] : records_) items.push_back(to_json(r));
  return {{"items", items}};
}

void OrderQueue::work() {
  for (;;) {
    std::string id;
    OrderTicket ticket;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return closing_ || !pending_.empty(); });
      if (closing_) return;
      id = pending_.front();
      pending_.pop_front();
      Record& r = records_.at(id);
      r.status = "running";
      r.started_at = now_text();
      ticket = r.ticket;
    }
    log_.info("order started", {{"order", id},
                                {"service", ticket.service_id},
                                {"provider", provider_name(ticket.provider)}});
    OrderResult result;
    try {
      result = runner_.run(ticket, cancel_, [this, &id](const std::vector<TaskRecord>& t) {
        std::lock_guard lock(mutex_);
        records_.at(id).result.tasks = t;
      });
    } catch (const std::exception& e) {
      // A worker thread must survive anything an order throws at it.
      result.status = "error";
      result.message = std::string("internal error: ") + e.what();
    }
    finish(id, std::move(result));
  }
}

void OrderQueue::finish(const std::string& order_id, OrderResult result) {
  Record copy;
  {
    std::lock_guard lock(mutex_);
    Record& r = records_.at(order_id);
    if (r.started_at.empty()) r.started_at = now_text();
    r.finished_at = now_text();
    r.status = result.status;
    r.result = std::move(result);
    copy = r;
    finished_order_.push_back(order_id);
    while (finished_order_.size() > kKeptFinishedOrders) {
      records_.erase(finished_order_.front());
      finished_order_.pop_front();
    }
  }
  log_.info("order finished",
            {{"order", order_id}, {"status", copy.status}, {"message", copy.result.message}});
  report(copy);
}

void OrderQueue::report(const Record& r) {
  nlohmann::json body = {{"service", r.ticket.service_id}, {"status", r.status},
                         {"results", r.result.results},    {"log", r.result.log_excerpt},
                         {"message", r.result.message},    {"started-at", r.started_at},
                         {"finished-at", r.finished_at}};
  if (r.result.exit_code) body["exit-code"] = *r.result.exit_code;
  const std::string path = "/1/orders/" + r.ticket.order_id + "/exit";
  std::string last_failure;
  for (int attempt = 0; attempt < 4; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
    auto res = exit_handler_.post(path, dump_json(body), "application/json");
    if (res && res->status == 200) return;
    last_failure = describe_failure(res);
    if (res && res->status >= 400 && res->status < 500) break;  // retrying will not help
  }
  log_.error("cannot report order outcome to the exit handler",
             {{"order", r.ticket.order_id}, {"why", last_failure}});
}

void OrderQueue::shut_down() {
  std::vector<std::string> abandoned;
  {
    std::lock_guard lock(mutex_);
    if (closing_) return;
    closing_ = true;
    cancel_ = true;
    abandoned.assign(pending_.begin(), pending_.end());
    pending_.clear();
    wake_.notify_all();
  }
  for (auto& w : workers_) w.join();
  for (const auto& id : abandoned) {
    OrderResult result;
    result.status = "error";
    result.message = "the dispatcher shut down before the order started";
    finish(id, std::move(result));
  }
}

}  // namespace ivcap::runtime
