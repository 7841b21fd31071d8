#pragma once
// One fuzz case of the loader: arbitrary bytes through the YAML reader, the
// strict decoders (environment, overlay, service), the overlay merger and
// the validator. Shared by the libFuzzer target and the regression test
// that replays every saved crash input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "model/model.h"
#include "model/resolve.h"
#include "spec/decoder.h"
#include "spec/overlay_merge.h"
#include "spec/service_decoder.h"
#include "spec/yaml_reader.h"
#include "validate/validator.h"

namespace ivcapgen::fuzzing {

inline void run_loader_case(const uint8_t* data, size_t size) {
  if (size > (1u << 20)) return;
  auto file = std::make_shared<const diag::SourceFile>(
      "fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  diag::DiagnosticSink sink;
  auto docs = spec::read_yaml(file, sink);
  if (docs.empty()) return;

  // The first document as an environment, merged with the second as an
  // overlay patch of its spec.
  spec::SourceNode env_tree = docs[0];
  if (docs.size() > 1 && env_tree.is_mapping()) {
    if (spec::SourceNode* s = env_tree.find("spec")) spec::strategic_merge(*s, docs[1], sink);
  }
  model::Model m;
  m.environment = spec::decode_document<model::Environment>(env_tree, sink, "Environment");
  model::resolve_environment_defaults(m.environment.value);
  (void)spec::decode_document<model::Overlay>(docs[0], sink, "Overlay");

  // Every document as a service.
  for (const auto& doc : docs) {
    if (!doc.is_mapping()) continue;
    if (auto svc = spec::decode_service(doc, sink)) m.services.push_back(std::move(*svc));
  }
  model::resolve_service_defaults(m);
  validate::validate_model(m, sink);
}

}  // namespace ivcapgen::fuzzing
