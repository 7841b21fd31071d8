#pragma once
// The whole output of a build, in memory: every file's bytes, its deploy
// wave and the Kubernetes objects it holds. Emitters fill it (no I/O);
// the committer writes it; manifest.json is derived from it.
#include <map>
#include <string>
#include <vector>

#include "output/yaml_writer.h"

namespace ivcapgen::output {

struct ObjectRef {
  std::string api_version;
  std::string kind;
  std::string namespace_;
  std::string name;
};

struct OutputFile {
  std::string content;
  int wave = 0;
  std::vector<ObjectRef> objects;  // in file order
};

class OutputTree {
 public:
  // Kubernetes objects as a multi-document YAML file.
  void add_objects(const std::string& path, int wave, const std::vector<Json>& objects);
  void add_json(const std::string& path, int wave, const Json& value);
  void add_yaml(const std::string& path, int wave, const Json& value);
  void add_text(const std::string& path, int wave, std::string content);
  // Moves every file of `other` here; a path both trees hold is an error.
  void merge(OutputTree&& other);

  const std::map<std::string, OutputFile>& files() const { return files_; }
  const OutputFile* find(const std::string& path) const;
  size_t object_count() const;

  // manifest.json (SPEC 2.5): every file and object with its wave and hash.
  void add_manifest(const std::string& environment);

 private:
  OutputFile& insert(const std::string& path, int wave);
  std::map<std::string, OutputFile> files_;
};

// Relative, normalised, no `..`, no hidden or empty segments.
bool is_safe_output_path(std::string_view path);

}  // namespace ivcapgen::output
