#include "output/output_tree.h"

#include <algorithm>
#include <stdexcept>

#include "support/digest.h"
#include "support/parallel.h"

namespace ivcapgen::output {

bool is_safe_output_path(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.size() > 512) return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    std::string_view seg = path.substr(start, end == std::string_view::npos ? end : end - start);
    if (seg.empty() || seg.front() == '.') return false;
    for (char c : seg) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
        return false;
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return true;
}

OutputFile& OutputTree::insert(const std::string& path, int wave) {
  if (!is_safe_output_path(path)) throw std::invalid_argument("unsafe output path: " + path);
  auto [it, inserted] = files_.try_emplace(path);
  if (!inserted) throw std::logic_error("output file emitted twice: " + path);
  it->second.wave = wave;
  return it->second;
}

void OutputTree::add_objects(const std::string& path, int wave, const std::vector<Json>& objects) {
  OutputFile& f = insert(path, wave);
  f.content = to_yaml_documents(objects);
  for (const Json& o : objects) {
    ObjectRef ref;
    ref.api_version = o.value("apiVersion", "");
    ref.kind = o.value("kind", "");
    if (auto m = o.find("metadata"); m != o.end()) {
      ref.name = m->value("name", "");
      ref.namespace_ = m->value("namespace", "");
    }
    f.objects.push_back(std::move(ref));
  }
}

void OutputTree::add_json(const std::string& path, int wave, const Json& value) {
  insert(path, wave).content = to_json_text(value);
}

void OutputTree::add_yaml(const std::string& path, int wave, const Json& value) {
  insert(path, wave).content = to_yaml(value);
}

void OutputTree::add_text(const std::string& path, int wave, std::string content) {
  insert(path, wave).content = std::move(content);
}

void OutputTree::merge(OutputTree&& other) {
  if (files_.empty()) {
    files_ = std::move(other.files_);
    return;
  }
  for (auto& [path, file] : other.files_) {
    auto [it, inserted] = files_.try_emplace(path, std::move(file));
    if (!inserted) throw std::logic_error("output file emitted twice: " + path);
  }
  other.files_.clear();
}

const OutputFile* OutputTree::find(const std::string& path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

size_t OutputTree::object_count() const {
  size_t n = 0;
  for (const auto& [_, f] : files_) n += f.objects.size();
  return n;
}

void OutputTree::add_manifest(const std::string& environment) {
  Json files = Json::array();
  struct Row {
    int wave;
    const std::string* file;
    size_t index;
    const ObjectRef* ref;
  };
  std::vector<const std::pair<const std::string, OutputFile>*> entries;
  entries.reserve(files_.size());
  for (const auto& entry : files_) entries.push_back(&entry);
  std::vector<std::string> digests(entries.size());
  support::parallel_for(entries.size(), [&](size_t, size_t i) {
    digests[i] = support::sha256_hex(entries[i]->second.content);
  });
  std::vector<Row> rows;
  for (size_t e = 0; e < entries.size(); ++e) {
    const auto& [path, f] = *entries[e];
    files.push_back({{"path", path}, {"sha256", std::move(digests[e])}, {"wave", f.wave}});
    for (size_t i = 0; i < f.objects.size(); ++i) rows.push_back({f.wave, &path, i, &f.objects[i]});
  }
  // Objects in apply order: by wave, then file, then position in the file.
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.wave != b.wave) return a.wave < b.wave;
    if (*a.file != *b.file) return *a.file < *b.file;
    return a.index < b.index;
  });
  Json objects = Json::array();
  for (const Row& r : rows) {
    objects.push_back({{"apiVersion", r.ref->api_version},
                       {"kind", r.ref->kind},
                       {"namespace", r.ref->namespace_},
                       {"name", r.ref->name},
                       {"file", *r.file},
                       {"wave", r.wave}});
  }
  Json manifest = {{"version", 1},
                   {"environment", environment},
                   {"files", std::move(files)},
                   {"objects", std::move(objects)}};
  add_json("manifest.json", 0, manifest);
}

}  // namespace ivcapgen::output
