#pragma once
// `ivcapgen graph ENV`: the deploy as a DOT graph. One cluster per wave with
// what it applies (the Terraform root module, the Kubernetes files, the Helm
// releases with their dependsOn edges, the service registrations); a gate
// node closes each wave, and the next wave starts from it, which is the
// order `apply` follows. A registration hangs off the file that declares
// its service. Deterministic: no clock, sorted everything.
#include <string>

#include "deploy/desired_state.h"

namespace ivcapgen::deploy {

std::string render_graph_dot(const DesiredState& desired);

}  // namespace ivcapgen::deploy
