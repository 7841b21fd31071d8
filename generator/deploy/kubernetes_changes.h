#pragma once
// Waves 2, 4 and 5 of the plan: the Kubernetes objects of the build against
// the live objects that carry this environment's labels. Live objects are
// fetched in batches: one `kubectl get` per namespace with every kind at
// once, and one for the cluster-scoped kinds, never one call per object.
// Declared objects are compared over the fields ivcapgen sets (field_diff.h);
// live objects with our labels that the build no longer declares are
// planned as deletes.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "deploy/desired_state.h"
#include "deploy/plan.h"
#include "deploy/state.h"
#include "model/drift_rule.h"
#include "tools/kubectl.h"

namespace ivcapgen::deploy {

// app.kubernetes.io/managed-by=ivcapgen,ivcap.io/environment=<env>
std::string managed_selector(std::string_view environment);

struct LiveQuery {
  std::string ns;                      // "" for the cluster-scoped kinds
  std::vector<std::string> resources;  // kubectl resource names, sorted
};

// The batched queries that cover the build's objects and those the state
// recorded (so that removed kinds are still looked at).
std::vector<LiveQuery> live_queries(const DesiredState& desired, const State& state);

struct LiveObjects {
  std::vector<Json> items;
  // Resource types the cluster does not serve yet (a CRD installed by a
  // later wave): their objects are planned as creates.
  std::set<std::string> unserved;
};

tools::ToolResult<LiveObjects> fetch_live_objects(tools::Kubectl& kubectl,
                                                  const std::vector<LiveQuery>& queries,
                                                  std::string_view environment);

// The changes per wave (2, 4, 5), in apply order; deletes last in their wave.
// Fields selected by `ignore` (drift.ignore) are left out of the comparison.
// Changes carry the sha256 of the live and of the declared object.
std::map<int, std::vector<PlannedChange>> kubernetes_changes(
    const DesiredState& desired, const State& state, const LiveObjects& live,
    const std::vector<model::DriftIgnoreRule>& ignore = {});

// `object` without the fields the rules that select it name (absent ones
// are no matter).
Json without_ignored_fields(const Json& object, std::string_view kind, std::string_view name,
                            const std::vector<model::DriftIgnoreRule>& ignore);
// Every declared object as a create, for a cluster that does not exist yet.
std::map<int, std::vector<PlannedChange>> kubernetes_creates(const DesiredState& desired);

// An inventory key of a Kubernetes object, split back into its parts.
struct KubeKey {
  std::string api_version, kind, ns, name;
};
std::optional<KubeKey> parse_kube_key(std::string_view key);

// What the state records of an applied object.
InventoryEntry object_inventory_entry(const DesiredObject& object);

// `kubectl delete` arguments that remove the object of `key` only while it
// carries the labels of `selector` (by name through a field selector, so an
// object of the same name without our labels is never touched).
std::vector<std::string> labelled_delete_args(const KubeKey& key, std::string_view selector);

}  // namespace ivcapgen::deploy
