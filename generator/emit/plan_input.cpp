// plan-input.json: the resolved model, environment after overlays with its
// defaults, and the services as the catalog will know them.
#include "emit/emitters.h"
#include "emit/model_json.h"
#include "emit/waves.h"

namespace ivcapgen::emit {

void emit_plan_input(const model::Model& m, output::OutputTree& tree) {
  Json services = Json::array();
  for (const auto& s : m.services) services.push_back(service_json(s));
  Json doc;
  doc["version"] = 1;
  doc["environment"] = environment_json(m.environment.value);
  doc["services"] = std::move(services);
  tree.add_json("plan-input.json", kWaveInfrastructure, doc);
}

}  // namespace ivcapgen::emit
