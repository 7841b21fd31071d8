#include "deploy/local/local_declaration.h"

#include <fstream>
#include <sstream>

namespace ivcapgen::deploy::local {

namespace fs = std::filesystem;

namespace {

constexpr const char* kRuntimeFile = "local/runtime.json";

bool is_catalog_file(const std::string& path) {
  return path.rfind("catalog/", 0) == 0 && path.size() > 13 &&
         path.compare(path.size() - 5, 5, ".json") == 0 && path.find('/', 8) == std::string::npos;
}

std::optional<LocalDeclaration> declare(
    const std::string& runtime_text,
    const std::vector<std::pair<std::string, std::string>>& catalog, std::string& error) {
  auto doc = nlohmann::ordered_json::parse(runtime_text, nullptr, false);
  if (doc.is_discarded()) {
    error = std::string(kRuntimeFile) + " is not valid JSON";
    return std::nullopt;
  }
  auto runtime = parse_runtime_manifest(doc, error);
  if (!runtime) return std::nullopt;
  auto services = catalog_documents(catalog, error);
  if (!services) return std::nullopt;
  LocalDeclaration d;
  d.environment = runtime->environment;
  d.runtime = std::move(*runtime);
  d.services = std::move(*services);
  return d;
}

std::optional<std::string> read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::optional<LocalDeclaration> declaration_from_tree(const output::OutputTree& tree,
                                                      std::string& error) {
  const auto* runtime = tree.find(kRuntimeFile);
  if (!runtime) {
    error = std::string("the build has no ") + kRuntimeFile + " (is the provider 'local'?)";
    return std::nullopt;
  }
  std::vector<std::pair<std::string, std::string>> catalog;
  for (const auto& [path, file] : tree.files()) {
    if (is_catalog_file(path)) catalog.emplace_back(path, file.content);
  }
  return declare(runtime->content, catalog, error);
}

std::optional<LocalDeclaration> declaration_from_dir(const fs::path& out_dir, std::string& error) {
  auto runtime = read_text(out_dir / kRuntimeFile);
  if (!runtime) {
    error = "cannot read " + (out_dir / kRuntimeFile).string() + "; run 'ivcapgen build' first";
    return std::nullopt;
  }
  std::vector<std::pair<std::string, std::string>> catalog;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(out_dir / "catalog", ec)) {
    std::string rel = "catalog/" + entry.path().filename().string();
    if (!entry.is_regular_file() || !is_catalog_file(rel)) continue;
    auto text = read_text(entry.path());
    if (!text) {
      error = "cannot read " + entry.path().string();
      return std::nullopt;
    }
    catalog.emplace_back(rel, *text);
  }
  return declare(*runtime, catalog, error);
}

}  // namespace ivcapgen::deploy::local
