// Wave 0 from `terraform show -json`: actions, attribute diffs, values known
// only after apply, and sensitive values that never show.
#include <catch2/catch.hpp>

#include "deploy/terraform_changes.h"
#include "support/test_env.h"

using namespace ivcapgen::deploy;
using ivcapgen::testing::read_file;
using ivcapgen::testing::source_dir;

namespace {

std::vector<PlannedChange> fixture_changes() {
  auto doc = ivcapgen::tools::parse_terraform_plan_document(
      read_file(source_dir() / "tests/fixtures/deploy/terraform/show_plan.json"));
  REQUIRE(doc.ok());
  return terraform_changes(*doc);
}

const PlannedChange& find(const std::vector<PlannedChange>& changes, const std::string& address) {
  for (const auto& c : changes) {
    if (c.address == address) return c;
  }
  FAIL("no change for " << address);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("terraform changes: one per managed resource, data sources left out",
          "[deploy][terraform]") {
  const auto changes = fixture_changes();
  std::vector<std::pair<std::string, Action>> got;
  for (const auto& c : changes) got.emplace_back(c.address, c.action);
  CHECK(got == std::vector<std::pair<std::string, Action>>{
                   {"module.cluster.aws_eks_cluster.this", Action::Create},
                   {"module.cluster.aws_eks_node_group.this[\"workers\"]", Action::Replace},
                   {"module.database.aws_db_instance.this[0]", Action::Update},
                   {"module.dns.aws_route53_zone.this[0]", Action::NoOp},
                   {"module.network.aws_vpc.this", Action::Update},
                   {"module.storage.aws_s3_bucket.legacy", Action::Delete},
                   {"module.storage.aws_s3_bucket_policy.this", Action::Update}});
}

TEST_CASE("terraform changes: creates list known attributes and mark unknown ones",
          "[deploy][terraform]") {
  const auto changes = fixture_changes();
  const auto& c = find(changes, "module.cluster.aws_eks_cluster.this");
  std::vector<std::string> paths;
  for (const auto& f : c.diff) paths.push_back(f.path);
  CHECK(paths == std::vector<std::string>{"name", "tags", "version", "arn", "endpoint"});
  CHECK(c.diff[3].after == Json("(known after apply)"));
  CHECK(c.diff[0].after == Json("ivcap-aws-prod"));
}

TEST_CASE("terraform changes: sensitive values are never shown, their change is",
          "[deploy][terraform][secrets]") {
  const auto changes = fixture_changes();
  const auto& db = find(changes, "module.database.aws_db_instance.this[0]");
  REQUIRE(db.diff.size() == 2);
  CHECK(db.diff[0] == FieldChange{"instance_class", Json("db.m6g.large"), Json("db.m6g.xlarge")});
  CHECK(db.diff[1] == FieldChange{"password", Json("(sensitive)"), Json("(sensitive)")});
  // A wholly sensitive resource whose value did not change shows no field.
  CHECK(find(changes, "module.storage.aws_s3_bucket_policy.this").diff.empty());
  for (const auto& c : changes) {
    for (const auto& f : c.diff) {
      for (const auto& side : {f.before, f.after}) {
        if (side) CHECK(side->dump().find("secret-pw") == std::string::npos);
      }
    }
  }
}

TEST_CASE("terraform changes: a replace says which attribute forces it; drift is noted",
          "[deploy][terraform]") {
  const auto changes = fixture_changes();
  const auto& ng = find(changes, "module.cluster.aws_eks_node_group.this[\"workers\"]");
  CHECK(ng.reason == "cannot be updated in place: instance_types");
  REQUIRE(ng.diff.size() == 2);
  CHECK(ng.diff[0].path == "instance_types");
  auto doc = ivcapgen::tools::parse_terraform_plan_document(
      read_file(source_dir() / "tests/fixtures/deploy/terraform/show_plan.json"));
  CHECK(terraform_notes(*doc) ==
        std::vector<std::string>{"1 resource was changed outside Terraform since the last apply: "
                                 "module.network.aws_vpc.this"});
}
