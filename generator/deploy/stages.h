#pragma once
// The stages of a cloud deploy (SPEC 4), one per wave, with the names the
// plan and the progress lines use and the layer `--only` selects them by.
#include <string_view>
#include <vector>

#include "emit/waves.h"

namespace ivcapgen::deploy {

struct Stage {
  int wave;
  std::string_view name;   // "components"
  std::string_view layer;  // "helm"
  std::string_view what;   // "third-party components (Helm releases)"
};

// Waves 0 to 6, in order.
const std::vector<Stage>& cloud_stages();
const Stage& stage_of(int wave);

// Whether `layer` (as given to --only) selects `wave`: terraform → 0;
// helm → 3; k8s → 2, 4, 5; services → 5, 6. Wave 1 (cluster access) is
// selected by every layer that needs the cluster.
bool layer_selects(std::string_view layer, int wave);
// The names --only accepts.
const std::vector<std::string_view>& only_layer_names();

}  // namespace ivcapgen::deploy
