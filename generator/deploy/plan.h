#pragma once
// The unified deploy plan (SPEC 4): what `apply` would do to every
// Terraform resource, Helm release, Kubernetes object and service
// registration, grouped by wave, each with an action and a field-level diff.
// A plan is data; printers (plan_render.h) and the JSON form (plan_json.h)
// are separate, in the manner of Terraform's.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ivcapgen::deploy {

using Json = nlohmann::ordered_json;

enum class Action { NoOp, Create, Update, Replace, Delete };

// "noop", "create", "update", "replace", "delete" (the JSON spelling).
std::string_view action_name(Action action);
std::optional<Action> parse_action(std::string_view name);
// "+", "~", "-", "±", " " (for no-op).
std::string_view action_symbol(Action action);

// Shown instead of a value that must not be revealed, and instead of a value
// that only the apply will know.
inline constexpr std::string_view kSensitiveValue = "(sensitive)";
inline constexpr std::string_view kKnownAfterApply = "(known after apply)";

// One changed field. `path` is dotted, with list items selected by name where
// they have one: spec.template.spec.containers[name=gateway].image,
// metadata.labels["ivcap.io/service"]. An absent side is nullopt.
struct FieldChange {
  std::string path;
  std::optional<Json> before;
  std::optional<Json> after;
  bool operator==(const FieldChange&) const = default;
};

struct PlannedChange {
  // Terraform: the resource address (module.cluster.aws_eks_cluster.this);
  // Helm: "release <namespace>/<name>"; Kubernetes: "<Kind> <namespace>/<name>"
  // ("<Kind> <name>" when cluster-scoped); registration: "service <name>".
  std::string address;
  Action action = Action::NoOp;
  std::vector<FieldChange> diff;
  // Why the action was chosen when the diff alone does not say
  // ("not in the build any more", "immutable field spec.selector changed").
  std::string reason;
  // The state inventory key of the thing (state.h); not part of the JSON form.
  std::string key;
  // sha256 of the thing as read from the live system and as declared, when
  // known (drift fills them for reconcile's history); not part of the JSON form.
  std::string live_hash, desired_hash;
};

// The layers, as `--only` names them.
inline constexpr std::string_view kLayerTerraform = "terraform";
inline constexpr std::string_view kLayerCluster = "cluster";
inline constexpr std::string_view kLayerHelm = "helm";
inline constexpr std::string_view kLayerKubernetes = "k8s";
inline constexpr std::string_view kLayerServices = "services";
inline constexpr std::string_view kLayerLocal = "local";

struct WavePlan {
  int wave = 0;
  std::string name;                    // "infrastructure", "namespaces", "components", ...
  std::string layer;                   // one of the kLayer* names
  std::vector<PlannedChange> changes;  // in apply order, no-ops included
  // What the reader should know about how this wave was planned ("the cluster
  // does not exist yet: every object is planned as a create").
  std::vector<std::string> notes;
};

struct PlanSummary {
  int create = 0, update = 0, remove = 0, replace = 0, noop = 0;
  int changes() const { return create + update + remove + replace; }
  void add(Action action);
};

PlanSummary summarize(const WavePlan& wave);

inline constexpr int kPlanFormatVersion = 1;

struct Plan {
  std::string environment;
  int64_t serial = 0;   // the state's serial the plan was made against
  std::string lineage;  // the state's lineage
  // sha256 of the build's manifest.json: a plan applies to that build only.
  std::string manifest_sha256;
  std::vector<WavePlan> waves;  // by wave number

  PlanSummary summary() const;
  bool has_changes() const { return summary().changes() > 0; }
  const WavePlan* find_wave(int wave) const;
};

}  // namespace ivcapgen::deploy
