#pragma once
// Wave 6 of the plan: the catalog documents against what the state records
// as registered (the gateway is not asked: it may not exist yet). A new
// service is a create, a changed document an update with its field diff, a
// registered service the build no longer has a delete. Pure.
#include <vector>

#include "deploy/desired_state.h"
#include "deploy/plan.h"
#include "deploy/state.h"

namespace ivcapgen::deploy {

std::vector<PlannedChange> registration_changes(const DesiredState& desired, const State& state);

// The inventory entry recorded after registering `service`.
InventoryEntry registration_entry(const DesiredService& service);

}  // namespace ivcapgen::deploy
