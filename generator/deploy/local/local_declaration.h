#pragma once
// What a local environment declares, taken from a build: the runtime
// components (local/runtime.json) and the service registrations
// (catalog/*.json). apply, drift, reconcile and destroy all compare the live
// processes and gateway against this. It comes from an in-memory build (the
// CLI builds the environment in-process, so what runs is what the specs say)
// or from a build's output directory.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "deploy/local/runtime_manifest.h"
#include "deploy/local/service_registrar.h"
#include "output/output_tree.h"

namespace ivcapgen::deploy::local {

struct LocalDeclaration {
  std::string environment;
  RuntimeManifest runtime;
  std::vector<CatalogDocument> services;  // sorted by file
};

std::optional<LocalDeclaration> declaration_from_tree(const output::OutputTree& tree,
                                                      std::string& error);
// `out_dir` is a build's output (out/<env>): reads local/runtime.json and catalog/*.json.
std::optional<LocalDeclaration> declaration_from_dir(const std::filesystem::path& out_dir,
                                                     std::string& error);

}  // namespace ivcapgen::deploy::local
