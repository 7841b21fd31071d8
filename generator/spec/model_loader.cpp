#include "spec/model_loader.h"

#include <fnmatch.h>

#include <algorithm>
#include <set>

#include "model/resolve.h"
#include "model/syntax.h"
#include "spec/decoder.h"
#include "spec/overlay_merge.h"
#include "spec/service_decoder.h"
#include "support/parallel.h"

namespace ivcapgen::spec {

namespace {

void report_kind_mismatch(diag::DiagnosticSink& sink, const SourceNode& doc) {
  sink.error(doc.location, "expected a mapping at the top of the document, got " + doc.describe())
      .rule = "decode";
}

bool looks_like_path(const std::string& s) {
  return s.find('/') != std::string::npos || s.ends_with(".yaml") || s.ends_with(".yml") ||
         s.ends_with(".json");
}

std::vector<std::string> environment_names(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() == ".yaml") names.push_back(p.stem().string());
    if (it->is_directory(ec) && fs::exists(p / "environment.yaml", ec))
      names.push_back(p.filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The one document of a file that must hold exactly one.
std::optional<SourceNode> single_document(SourceLoader& loader, const fs::path& path,
                                          const SourceLocation& from, diag::DiagnosticSink& sink) {
  auto docs = loader.read_documents(path, from);
  if (!docs) return std::nullopt;
  if (docs->size() > 1) {
    sink.error((*docs)[1].location,
               "expected one YAML document, found " + std::to_string(docs->size()))
        .rule = "io";
  }
  if (!(*docs)[0].is_mapping()) {
    report_kind_mismatch(sink, (*docs)[0]);
    return std::nullopt;
  }
  return std::move((*docs)[0]);
}

// Overlay paths as written in the unmerged environment (decoded properly,
// with errors, from the merged tree later).
std::vector<const SourceNode*> overlay_entries(const SourceNode& env_tree) {
  std::vector<const SourceNode*> out;
  const SourceNode* spec = env_tree.find("spec");
  const SourceNode* overlays = spec ? spec->find("overlays") : nullptr;
  if (!overlays || !overlays->is_sequence()) return out;
  for (const auto& item : overlays->items) {
    if (item.is_scalar() && item.scalar_type() == SourceNode::ScalarType::String)
      out.push_back(&item);
  }
  return out;
}

struct ServicePatchRef {
  std::string match;
  SourceNode patch;
};

class ModelLoader {
 public:
  ModelLoader(const LoadOptions& options, diag::DiagnosticSink& sink)
      : options_(options), sink_(sink) {}

  std::optional<model::Model> load(const fs::path& env_path) {
    fs::path root = find_root(env_path, options_.root);
    SourceLoader loader(root, options_.limits, sink_);
    auto tree = single_document(loader, env_path, {}, sink_);
    if (!tree) return std::nullopt;
    if (!check_kind(*tree, "Environment")) return std::nullopt;
    fs::path env_dir = fs::absolute(env_path).lexically_normal().parent_path();
    apply_overlays(loader, *tree, env_dir);

    model::Model m;
    m.environment_file = loader.display_path(env_path);
    m.environment = decode_document<model::Environment>(*tree, sink_, "Environment");
    model::resolve_environment_defaults(m.environment.value);
    load_services(loader, m, env_dir);
    model::resolve_service_defaults(m);
    record_inputs(loader, m);
    return m;
  }

 private:
  bool check_kind(const SourceNode& doc, std::string_view expected) {
    const SourceNode* kind = doc.find("kind");
    if (kind && kind->is_scalar() && kind->text != expected &&
        (kind->text == "Environment" || kind->text == "Overlay")) {
      sink_
          .error(kind->location,
                 "expected a " + std::string(expected) + " document, got " + kind->text)
          .rule = "kind";
      return false;
    }
    return true;  // a missing or misspelled kind is reported by the decoder
  }

  void apply_overlays(SourceLoader& loader, SourceNode& env_tree, const fs::path& env_dir) {
    SourceNode* spec = env_tree.find("spec");
    for (const SourceNode* entry : overlay_entries(env_tree)) {
      auto doc = single_document(loader, env_dir / entry->text, entry->location, sink_);
      if (!doc || !check_kind(*doc, "Overlay")) continue;
      auto overlay = decode_document<model::Overlay>(*doc, sink_, "Overlay");
      if (!overlay->spec.is_null()) {
        if (!overlay->spec.is_mapping()) {
          DecodeContext context{sink_};
          report_type_mismatch(overlay->spec, context, "a mapping", "spec");
        } else if (spec && spec->is_mapping()) {
          strategic_merge(*spec, overlay->spec, sink_);
        }
      }
      for (const auto& p : overlay->services.value) {
        patches_.push_back({p->match.value, p->patch});
      }
    }
  }

  void load_services(SourceLoader& loader, model::Model& m, const fs::path& env_dir) {
    const auto& spec = m.environment->spec.value;
    std::vector<std::pair<std::string, SourceLocation>> globs;
    if (spec.services.present) {
      for (const auto& g : spec.services.value) globs.emplace_back(g.value, g.location);
    } else {
      globs.emplace_back("services/*.yaml", m.environment->spec.location);
    }
    std::set<fs::path> seen;
    std::vector<ServiceFile> files;
    for (const auto& [pattern, location] : globs) {
      size_t errors_before = sink_.error_count();
      auto matches = loader.glob(env_dir, pattern, location);
      if (matches.empty() && spec.services.present && sink_.error_count() == errors_before) {
        auto& d = sink_.warning(location, "service path '" + pattern + "' matches no files");
        d.rule = "glob";
      }
      for (auto& file : matches) {
        if (seen.insert(file).second) files.push_back({std::move(file), location, {}, {}});
      }
    }
    // Files are read and decoded on all cores, each into its own slot and
    // sink, then combined in file order: the same services and diagnostics,
    // in the same order, however the work was scheduled.
    size_t workers = support::worker_count();
    std::vector<diag::DiagnosticSink> worker_sinks(workers);
    std::vector<SourceLoader> loaders;
    loaders.reserve(workers);
    for (size_t w = 0; w < workers; ++w) {
      loaders.emplace_back(loader.root(), options_.limits, worker_sinks[w]);
    }
    support::parallel_for(files.size(), [&](size_t worker, size_t i) {
      loaders[worker].set_sink(files[i].sink);
      load_service_file(loaders[worker], files[i]);
    });
    size_t total = 0;
    for (const auto& f : files) total += f.services.size();
    m.services.reserve(m.services.size() + total);
    for (auto& f : files) {
      sink_.append(f.sink);
      for (auto& service : f.services) m.services.push_back(std::move(service));
      f.services = {};  // moved-from Services still hold ~10 KB each
    }
    for (const auto& l : loaders) {
      service_files_read_.insert(service_files_read_.end(), l.files_read().begin(),
                                 l.files_read().end());
    }
  }

  void record_inputs(const SourceLoader& loader, model::Model& m) {
    auto sorted_unique = [](std::vector<std::string> v) {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
      return v;
    };
    m.input_files = loader.files_read();
    m.input_files.insert(m.input_files.end(), service_files_read_.begin(),
                         service_files_read_.end());
    m.input_files = sorted_unique(std::move(m.input_files));
    m.input_dirs = sorted_unique(loader.dirs_listed());
  }

  struct ServiceFile {
    fs::path path;
    SourceLocation from;
    diag::DiagnosticSink sink;
    std::vector<model::Service> services;
  };

  // Runs on worker threads: touches only `file` and read-only state.
  void load_service_file(SourceLoader& loader, ServiceFile& file) const {
    auto docs = loader.read_documents(file.path, file.from);
    if (!docs) return;
    std::string shown = loader.display_path(file.path);
    for (SourceNode& doc : *docs) {
      if (!doc.is_mapping()) {
        report_kind_mismatch(file.sink, doc);
        continue;
      }
      apply_service_patches(doc, file.sink);
      if (auto service = decode_service(doc, file.sink)) {
        service->file = shown;
        file.services.push_back(std::move(*service));
      }
    }
  }

  void apply_service_patches(SourceNode& doc, diag::DiagnosticSink& sink) const {
    const SourceNode* name = doc.find("name");
    if (!name || !name->is_scalar()) return;
    for (const auto& p : patches_) {
      if (fnmatch(p.match.c_str(), name->text.c_str(), 0) == 0) {
        strategic_merge(doc, p.patch, sink);
      }
    }
  }

  const LoadOptions& options_;
  diag::DiagnosticSink& sink_;
  std::vector<ServicePatchRef> patches_;
  std::vector<std::string> service_files_read_;
};

}  // namespace

std::optional<fs::path> resolve_environment_path(const std::string& argument,
                                                 diag::DiagnosticSink& sink) {
  std::error_code ec;
  std::vector<fs::path> candidates;
  if (looks_like_path(argument)) {
    candidates = {argument, argument + ".yaml", fs::path(argument) / "environment.yaml"};
  } else {
    candidates = {fs::path("environments") / (argument + ".yaml"),
                  fs::path("environments") / argument / "environment.yaml"};
  }
  for (const auto& c : candidates) {
    if (fs::is_regular_file(c, ec)) return c;
  }
  if (looks_like_path(argument) && fs::exists(argument, ec)) return fs::path(argument);
  auto& d = sink.error({}, "environment '" + argument + "' not found");
  d.rule = "environment";
  std::string looked;
  for (const auto& c : candidates) looked += (looked.empty() ? "" : ", ") + c.generic_string();
  d.note = "looked for " + looked;
  fs::path dir = looks_like_path(argument) ? fs::path(argument).parent_path() : "environments";
  if (dir.empty()) dir = ".";
  auto names = environment_names(dir);
  std::string stem = fs::path(argument).stem().string();
  if (auto s = diag::closest_match(stem, names)) d.suggestion = *s;
  return std::nullopt;
}

std::optional<std::string> peek_environment_name(const LoadOptions& options) {
  diag::DiagnosticSink scratch;
  auto path = resolve_environment_path(options.environment, scratch);
  if (!path) return std::nullopt;
  SourceLoader loader(find_root(*path, options.root), options.limits, scratch);
  auto docs = loader.read_documents(*path, {});
  if (!docs || docs->size() != 1) return std::nullopt;
  const SourceNode* metadata = (*docs)[0].find("metadata");
  const SourceNode* name = metadata ? metadata->find("name") : nullptr;
  if (!name || !name->is_scalar() || !model::is_dns_label(name->text)) return std::nullopt;
  return name->text;
}

std::optional<model::Model> load_model(const LoadOptions& options, diag::DiagnosticSink& sink) {
  auto path = resolve_environment_path(options.environment, sink);
  if (!path) return std::nullopt;
  return ModelLoader(options, sink).load(*path);
}

}  // namespace ivcapgen::spec
