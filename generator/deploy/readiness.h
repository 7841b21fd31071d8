#pragma once
// What the readiness gates say when something is not ready: which object,
// which condition, and the evidence: the pods that are not ready (phase,
// waiting or terminated reasons) and the last events of the object and of
// those pods, fetched with one `kubectl get pods` and one `kubectl get
// events` per object.
#include <string>
#include <vector>

#include "deploy/desired_state.h"
#include "tools/kubectl.h"

namespace ivcapgen::deploy {

// "app=x,component=y" from a label map; "" when it is not one.
std::string label_selector(const Json& labels);

// A pod that is not ready, in one line: "pod web-1: Pending; container web
// waiting: ImagePullBackOff (Back-off pulling image ...)"; "" when it is ready.
std::string describe_unready_pod(const nlohmann::json& pod);

// Evidence about an object that did not become ready: its pods (selected by
// `selector` in `ns`) that are not ready and the last events of the object
// and of those pods. Never fails: what cannot be fetched is said instead.
std::vector<std::string> readiness_evidence(tools::Kubectl& kubectl, const std::string& ns,
                                            const std::string& object_name,
                                            const std::string& selector);

// The pod selector of a workload object (spec.selector.matchLabels), or of a
// Helm release (app.kubernetes.io/instance=<release>).
std::string workload_selector(const Json& object);

}  // namespace ivcapgen::deploy
