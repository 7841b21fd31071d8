#pragma once
// Wave 0 of the plan from `terraform show -json PLANFILE`: one change per
// managed resource, with the attributes that change. Values Terraform marks
// sensitive are shown as "(sensitive)" (a change to one is still listed),
// values only the apply will know as "(known after apply)". Pure.
#include "deploy/plan.h"
#include "tools/terraform_messages.h"

namespace ivcapgen::deploy {

// The changes of the plan document, by address; data sources are left out.
std::vector<PlannedChange> terraform_changes(const tools::TerraformPlanDocument& document);
// Infrastructure drift from the document of `terraform plan -refresh-only`:
// each resource changed outside Terraform as an update whose diff runs from
// the live value (before) to the one Terraform applied (after), each
// resource deleted outside Terraform as a create (missing).
std::vector<PlannedChange> terraform_drift_changes(const tools::TerraformPlanDocument& document);
// Notes for the reader: resources changed outside Terraform since the last apply.
std::vector<std::string> terraform_notes(const tools::TerraformPlanDocument& document);

}  // namespace ivcapgen::deploy
