#pragma once
// An accepted order and the record of its progress.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dispatcher/local_plan.h"
#include "dispatcher/parameter_binding.h"
#include "dispatcher/provider_selection.h"

namespace ivcap::runtime {

struct OrderTicket {
  std::string order_id;
  std::string service_id;
  ProviderKind provider = ProviderKind::Basic;
  LocalPlan plan;  // basic and argo
  BoundParameters parameters;
  nlohmann::json service;  // the service document (dynamic orders start it)
};

struct TaskRecord {
  std::string name;
  std::string status;  // pending | running | succeeded | failed | skipped
  std::optional<int> exit_code;
  std::string message;
};

struct OrderResult {
  std::string status;  // succeeded | failed | error
  std::string message;
  std::optional<int> exit_code;
  nlohmann::json results = nlohmann::json::array();  // [{id, name, size, content-type}]
  std::string log_excerpt;
  std::vector<TaskRecord> tasks;
};

}  // namespace ivcap::runtime
