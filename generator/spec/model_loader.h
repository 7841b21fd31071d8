#pragma once
// load → merge → decode: reads an environment, applies its overlays, finds
// and decodes its services. Everything reported goes to the sink; the model
// is returned whenever the environment itself could be decoded, so that the
// validator can still report on it.
#include <filesystem>
#include <optional>
#include <string>

#include "diag/diagnostic.h"
#include "model/model.h"
#include "spec/source_loader.h"

namespace ivcapgen::spec {

struct LoadOptions {
  std::string environment;  // a name (environments/<name>.yaml) or a path
  std::optional<std::filesystem::path> root;
  LoadLimits limits;
};

// The file an ENV argument names (SPEC 5), or nullopt after reporting.
std::optional<std::filesystem::path> resolve_environment_path(const std::string& argument,
                                                              diag::DiagnosticSink& sink);

std::optional<model::Model> load_model(const LoadOptions& options, diag::DiagnosticSink& sink);

// metadata.name of the environment an ENV argument names, read without
// loading anything else (to find an earlier build's output); nullopt when it
// cannot be read or is not a plain object name.
std::optional<std::string> peek_environment_name(const LoadOptions& options);

}  // namespace ivcapgen::spec
