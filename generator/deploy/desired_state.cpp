#include "deploy/desired_state.h"

#include <algorithm>
#include <memory>

#include "diag/diagnostic.h"
#include "emit/model_json.h"
#include "spec/yaml_reader.h"
#include "support/digest.h"

namespace ivcapgen::deploy {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The documents of a YAML file we wrote ourselves, as JSON.
tools::ToolResult<std::vector<Json>> parse_documents(const std::string& path,
                                                     const std::string& text) {
  diag::DiagnosticSink sink;
  auto file = std::make_shared<const diag::SourceFile>(path, text);
  auto documents = spec::read_yaml(file, sink);
  if (sink.has_errors()) {
    std::vector<std::string> details;
    for (const auto& d : sink.sorted())
      details.push_back(d.location.to_string() + ": " + d.message);
    return tools::ToolError{"cannot read the build output " + path, details};
  }
  std::vector<Json> out;
  for (const auto& doc : documents) {
    if (doc.is_null()) continue;
    out.push_back(emit::node_to_json(doc));
  }
  return out;
}

tools::ToolResult<Json> parse_json_file(const std::string& path, const std::string& text) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded()) return tools::ToolError{"the build output " + path + " is not JSON", {}};
  return j;
}

tools::ToolResult<std::vector<DesiredRelease>> read_releases(const output::OutputTree& tree) {
  std::vector<DesiredRelease> releases;
  const output::OutputFile* list = tree.find("helm/releases.json");
  if (!list) return releases;
  auto parsed = parse_json_file("helm/releases.json", list->content);
  if (!parsed) return parsed.error();
  try {
    for (const auto& r : *parsed) {
      DesiredRelease rel;
      rel.name = r.at("name").get<std::string>();
      rel.chart = r.at("chart").get<std::string>();
      rel.repo = r.value("repo", "");
      rel.version = r.at("version").get<std::string>();
      rel.ns = r.at("namespace").get<std::string>();
      rel.wave = r.value("wave", list->wave);
      rel.order = r.value("order", static_cast<int>(releases.size()));
      rel.values_file = "helm/" + r.at("valuesFile").get<std::string>();
      if (r.contains("dependsOn")) rel.depends_on = r["dependsOn"].get<std::vector<std::string>>();
      const output::OutputFile* values = tree.find(rel.values_file);
      if (!values) {
        return tools::ToolError{
            "helm/releases.json names " + rel.values_file + ", which the build does not have", {}};
      }
      auto docs = parse_documents(rel.values_file, values->content);
      if (!docs) return docs.error();
      if (!docs->empty() && (*docs)[0].is_object()) rel.values = (*docs)[0];
      rel.hash = support::sha256_hex(rel.chart + "\n" + rel.repo + "\n" + rel.version + "\n" +
                                     values->content);
      releases.push_back(std::move(rel));
    }
  } catch (const std::exception& e) {
    return tools::ToolError{std::string("helm/releases.json is malformed: ") + e.what(), {}};
  }
  std::stable_sort(releases.begin(), releases.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  return releases;
}

}  // namespace

std::string api_group(std::string_view api_version) {
  const size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string()
                                         : std::string(api_version.substr(0, slash));
}

std::string kubectl_resource(std::string_view api_version, std::string_view kind) {
  std::string group = api_group(api_version);
  return group.empty() ? lower(kind) : lower(kind) + "." + group;
}

std::string json_hash(const Json& value) {
  return support::sha256_hex(value.dump());
}

std::string DesiredObject::group() const {
  return api_group(api_version);
}

std::string DesiredObject::key() const {
  return "k8s/" + api_version + "/" + kind + "/" + ns + "/" + name;
}

std::string DesiredObject::address() const {
  return kind + " " + (ns.empty() ? name : ns + "/" + name);
}

std::string DesiredRelease::key() const {
  return "helm/" + ns + "/" + name;
}

std::string DesiredRelease::address() const {
  return "release " + ns + "/" + name;
}

std::string DesiredService::key() const {
  return "service/" + id;
}

std::string DesiredService::address() const {
  return "service " + name;
}

std::vector<const DesiredObject*> DesiredState::objects_in_wave(int wave) const {
  std::vector<const DesiredObject*> out;
  for (const auto& o : objects) {
    if (o.wave == wave) out.push_back(&o);
  }
  return out;
}

std::vector<std::string> DesiredState::files_in_wave(int wave) const {
  std::vector<std::string> files;
  for (const auto& o : objects) {
    if (o.wave == wave && (files.empty() || files.back() != o.file)) files.push_back(o.file);
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

tools::ToolResult<DesiredState> read_desired_state(const output::OutputTree& tree) {
  DesiredState d;
  const output::OutputFile* manifest = tree.find("manifest.json");
  if (!manifest) return tools::ToolError{"the build output has no manifest.json", {}};
  d.manifest_sha256 = support::sha256_hex(manifest->content);
  auto parsed_manifest = parse_json_file("manifest.json", manifest->content);
  if (!parsed_manifest) return parsed_manifest.error();
  d.environment = parsed_manifest->value("environment", "");

  support::Sha256 terraform;
  for (const auto& [path, file] : tree.files()) {
    if (starts_with(path, "terraform/")) {
      d.terraform_files.push_back(path);
      terraform.update(path + "\n" + support::sha256_hex(file.content) + "\n");
    }
  }
  if (!d.terraform_files.empty()) d.terraform_digest = terraform.finish_hex();

  for (const auto& [path, file] : tree.files()) {
    if (file.objects.empty()) continue;
    auto docs = parse_documents(path, file.content);
    if (!docs) return docs.error();
    for (auto& doc : *docs) {
      if (!doc.is_object()) continue;
      DesiredObject o;
      o.api_version = doc.value("apiVersion", "");
      o.kind = doc.value("kind", "");
      if (auto m = doc.find("metadata"); m != doc.end() && m->is_object()) {
        o.name = m->value("name", "");
        o.ns = m->value("namespace", "");
      }
      o.file = path;
      o.wave = file.wave;
      o.hash = json_hash(doc);
      o.object = std::move(doc);
      d.objects.push_back(std::move(o));
    }
  }
  // Apply order, as in manifest.json: wave, then file (the map is sorted), then position.
  std::stable_sort(d.objects.begin(), d.objects.end(),
                   [](const auto& a, const auto& b) { return a.wave < b.wave; });

  auto releases = read_releases(tree);
  if (!releases) return releases.error();
  d.releases = std::move(*releases);

  for (const auto& [path, file] : tree.files()) {
    if (!starts_with(path, "catalog/") || !ends_with(path, ".json")) continue;
    auto doc = parse_json_file(path, file.content);
    if (!doc) return doc.error();
    DesiredService s;
    s.name = doc->value("name", "");
    s.id = doc->value("id", "");
    if (s.id.empty()) return tools::ToolError{path + " has no service id", {}};
    s.file = path;
    s.document = file.content;
    s.wave = file.wave;
    s.hash = support::sha256_hex(file.content);
    d.services.push_back(std::move(s));
  }
  std::sort(d.services.begin(), d.services.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return d;
}

}  // namespace ivcapgen::deploy
