#pragma once
// The fuzz cases: arbitrary bytes through one stage of the loader each.
// Shared by the libFuzzer targets (fuzz_target.cpp, one per case) and the
// regression test that replays every saved crash input through all cases.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "emit/build.h"
#include "model/model.h"
#include "model/resolve.h"
#include "spec/decoder.h"
#include "spec/overlay_merge.h"
#include "spec/service_decoder.h"
#include "spec/yaml_reader.h"
#include "validate/validator.h"

namespace ivcapgen::fuzzing {

// Bytes → documents (empty when the input is too big to be interesting).
inline std::vector<spec::SourceNode> documents_of(const uint8_t* data, size_t size,
                                                  diag::DiagnosticSink& sink,
                                                  const std::string& name = "fuzz.yaml") {
  if (size > (1u << 20)) return {};
  auto file = std::make_shared<const diag::SourceFile>(
      name, std::string(reinterpret_cast<const char*>(data), size));
  return spec::read_yaml(file, sink);
}

inline std::vector<spec::SourceNode> documents_of(const std::string& text,
                                                  diag::DiagnosticSink& sink,
                                                  const std::string& name) {
  return documents_of(reinterpret_cast<const uint8_t*>(text.data()), text.size(), sink, name);
}

// A valid environment with a bit of everything an overlay can merge into.
inline const std::string kBaseEnvironment =
    "apiVersion: ivcapgen/v1\nkind: Environment\nmetadata: {name: fuzz}\nspec:\n"
    "  provider: aws\n  region: ap-southeast-2\n  project: ivcap\n  domain: ivcap.example.com\n"
    "  cluster:\n    kubernetesVersion: \"1.32\"\n    nodePools:\n"
    "      - {name: system, size: m6i.xlarge, min: 3, max: 6}\n"
    "      - {name: workers, size: m6i.2xlarge, min: 2, max: 10, labels: {a: b}}\n"
    "  components:\n    loki: {values: {loki: {auth_enabled: false}}}\n"
    "  runtime: {gateway: {replicas: 2}, dataProxy: {mode: node}}\n"
    "  policy: {allowedEgress: [api.gbif.org]}\n"
    "  drift: {ignore: [\"Deployment/*:/spec/replicas\"]}\n";

// Decodes, resolves and validates; emits when the model is valid.
inline void check_model(model::Model& m, diag::DiagnosticSink& sink) {
  model::resolve_environment_defaults(m.environment.value);
  model::resolve_service_defaults(m);
  validate::validate_model(m, sink);
  if (!sink.has_errors()) (void)emit::build_outputs(m);
}

// The YAML reader, the environment, overlay and service decoders and the
// validator: the first document as an environment, merged with the second
// as an overlay patch of its spec; every document as a service.
inline void run_loader_case(const uint8_t* data, size_t size) {
  diag::DiagnosticSink sink;
  auto docs = documents_of(data, size, sink);
  if (docs.empty()) return;
  spec::SourceNode env_tree = docs[0];
  if (docs.size() > 1 && env_tree.is_mapping()) {
    if (spec::SourceNode* s = env_tree.find("spec")) spec::strategic_merge(*s, docs[1], sink);
  }
  model::Model m;
  m.environment = spec::decode_document<model::Environment>(env_tree, sink, "Environment");
  (void)spec::decode_document<model::Overlay>(docs[0], sink, "Overlay");
  for (const auto& doc : docs) {
    if (!doc.is_mapping()) continue;
    if (auto svc = spec::decode_service(doc, sink)) m.services.push_back(std::move(*svc));
  }
  model::resolve_environment_defaults(m.environment.value);
  model::resolve_service_defaults(m);
  validate::validate_model(m, sink);
}

// The overlay merger: every document, in turn, as an overlay (its `spec`, or
// the whole document) merged into a valid environment, which is then
// decoded, validated and, when valid, emitted.
inline void run_overlay_merge_case(const uint8_t* data, size_t size) {
  diag::DiagnosticSink sink;
  auto patches = documents_of(data, size, sink, "overlay.yaml");
  if (patches.empty()) return;
  diag::DiagnosticSink base_sink;
  auto base = documents_of(kBaseEnvironment, base_sink, "environment.yaml");
  spec::SourceNode* base_spec = base.at(0).find("spec");
  for (const auto& patch : patches) {
    (void)spec::decode_document<model::Overlay>(patch, sink, "Overlay");
    const spec::SourceNode* patch_spec = patch.is_mapping() ? patch.find("spec") : nullptr;
    spec::strategic_merge(*base_spec, patch_spec ? *patch_spec : patch, sink);
  }
  model::Model m;
  m.environment = spec::decode_document<model::Environment>(base[0], sink, "Environment");
  check_model(m, sink);
}

// The service decoder: every document as a service of a valid local
// environment, validated and, when valid, emitted.
inline void run_service_decoder_case(const uint8_t* data, size_t size) {
  diag::DiagnosticSink sink;
  auto docs = documents_of(data, size, sink, "service.yaml");
  if (docs.empty()) return;
  diag::DiagnosticSink env_sink;
  auto env = documents_of(
      std::string("apiVersion: ivcapgen/v1\nkind: Environment\nmetadata: {name: fuzz}\n"
                  "spec: {provider: local}\n"),
      env_sink, "environment.yaml");
  model::Model m;
  m.environment = spec::decode_document<model::Environment>(env.at(0), sink, "Environment");
  for (const auto& doc : docs) {
    if (auto svc = spec::decode_service(doc, sink)) m.services.push_back(std::move(*svc));
  }
  check_model(m, sink);
}

}  // namespace ivcapgen::fuzzing
