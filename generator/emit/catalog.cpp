// catalog/<service>.json: the registration documents the gateway accepts
// (IVCAP service.2, normalised controller schema, deterministic id).
#include "emit/emitters.h"
#include "emit/model_json.h"
#include "emit/waves.h"

namespace ivcapgen::emit {

void emit_catalog(const model::Model& m, output::OutputTree& tree) {
  for (const auto& s : m.services) {
    tree.add_json("catalog/" + s.name() + ".json", kWaveRegistration, service_json(s));
  }
}

}  // namespace ivcapgen::emit
