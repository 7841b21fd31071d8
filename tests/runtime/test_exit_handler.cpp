// Unit tests of the exit handler: outcome validation, store, usage stats.
#include <catch2/catch.hpp>

#include "exit_handler/order_outcome.h"
#include "exit_handler/outcome_store.h"
#include "exit_handler/usage_stats.h"
#include "support/test_env.h"

using namespace ivcap::runtime;
using nlohmann::json;

namespace {

const std::string kOrder = "urn:ivcap:order:11111111-2222-4333-8444-555555555555";
const std::string kServiceA = "urn:ivcap:service:aaaaaaaa-2222-4333-8444-555555555555";
const std::string kServiceB = "urn:ivcap:service:bbbbbbbb-2222-4333-8444-555555555555";

json report(const std::string& service, const std::string& status, const std::string& start,
            const std::string& end) {
  return {{"service", service}, {"status", status}, {"started-at", start}, {"finished-at", end}};
}

OrderOutcome outcome(const std::string& service, const std::string& status, int seconds) {
  auto parsed = parse_order_outcome(
      kOrder, report(service, status, "2024-01-01T00:00:00Z",
                     "2024-01-01T00:00:" + std::string(seconds < 10 ? "0" : "") +
                         std::to_string(seconds) + "Z"));
  return std::get<OrderOutcome>(parsed);
}

}  // namespace

TEST_CASE("order outcome: valid report", "[runtime][exit-handler]") {
  json body = report(kServiceA, "succeeded", "2024-01-01T00:00:00Z", "2024-01-01T00:00:02.500Z");
  body["results"] = {"urn:ivcap:artifact:" + std::string(64, 'a'),
                     {{"id", "urn:ivcap:artifact:" + std::string(64, 'b')}, {"name", "out.txt"}}};
  body["log"] = std::string(kMaxLogExcerpt + 10, 'x') + "END";
  body["exit-code"] = 0;
  auto parsed = parse_order_outcome(kOrder, body);
  REQUIRE(std::holds_alternative<OrderOutcome>(parsed));
  const auto& o = std::get<OrderOutcome>(parsed);
  CHECK(o.runtime_ms == 2500);
  CHECK(o.results.size() == 2);
  CHECK(o.results[1]["name"] == "out.txt");
  CHECK(o.log_excerpt.size() == kMaxLogExcerpt);
  CHECK(o.log_excerpt.substr(o.log_excerpt.size() - 3) == "END");
  CHECK(o.exit_code == 0);
}

TEST_CASE("order outcome: invalid reports name the problem", "[runtime][exit-handler]") {
  auto error_of = [](const std::string& order, const json& body) {
    auto parsed = parse_order_outcome(order, body);
    REQUIRE(std::holds_alternative<std::string>(parsed));
    return std::get<std::string>(parsed);
  };
  json ok = report(kServiceA, "failed", "2024-01-01T00:00:00Z", "2024-01-01T00:00:01Z");
  CHECK(error_of("urn:ivcap:order:nope", ok).find("order id") != std::string::npos);
  json bad_status = ok;
  bad_status["status"] = "done";
  CHECK(error_of(kOrder, bad_status).find("status") != std::string::npos);
  json reversed = report(kServiceA, "failed", "2024-01-01T00:00:02Z", "2024-01-01T00:00:01Z");
  CHECK(error_of(kOrder, reversed).find("before") != std::string::npos);
  json bad_result = ok;
  bad_result["results"] = {"../../etc/passwd"};
  CHECK(error_of(kOrder, bad_result).find("artifact") != std::string::npos);
  json bad_service = ok;
  bad_service["service"] = 42;
  CHECK(error_of(kOrder, bad_service).find("service") != std::string::npos);
}

TEST_CASE("usage stats per service", "[runtime][exit-handler]") {
  std::vector<OrderOutcome> outcomes = {
      outcome(kServiceB, "succeeded", 4), outcome(kServiceA, "succeeded", 2),
      outcome(kServiceA, "failed", 4), outcome(kServiceA, "error", 0)};
  auto usage = compute_usage(outcomes);
  REQUIRE(usage.size() == 2);
  CHECK(usage[0].service_id == kServiceA);  // sorted
  CHECK(usage[0].orders == 3);
  CHECK(usage[0].succeeded == 1);
  CHECK(usage[0].failed == 1);
  CHECK(usage[0].errors == 1);
  CHECK(usage[0].total_runtime_ms == 6000);
  json j = usage_to_json(usage);
  CHECK(j["services"][0]["average-runtime-seconds"] == Approx(2.0));
  CHECK(j["totals"]["orders"] == 4);
  CHECK(j["totals"]["total-runtime-seconds"] == Approx(10.0));
  CHECK(usage_to_json(compute_usage({}))["services"].empty());
}

TEST_CASE("outcome store: record, replace, list by service", "[runtime][exit-handler]") {
  ivcapgen::testing::TempDir tmp;
  OutcomeStore store(tmp / "eh");
  auto first = outcome(kServiceA, "failed", 1);
  store.record(first);
  auto second = outcome(kServiceA, "succeeded", 3);
  store.record(second);  // same order id: replaces
  auto found = store.find(kOrder);
  REQUIRE(found);
  CHECK(found->status == "succeeded");
  CHECK(found->runtime_ms == 3000);
  CHECK_FALSE(found->recorded_at.empty());
  CHECK(store.list(std::nullopt).size() == 1);
  CHECK(store.list(kServiceB).empty());
  CHECK_FALSE(store.find("urn:ivcap:order:00000000-0000-4000-8000-000000000000"));
}
