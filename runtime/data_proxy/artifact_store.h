#pragma once
// Content-addressed artifact storage under --storage-dir:
//   blobs/<aa>/<sha256>        the bytes (aa = first two hex digits)
//   meta/<aa>/<sha256>.json    sidecar metadata {id, sha256, size, content-type, name, created-at}
//   tmp/                       uploads in progress
// Writes are atomic (temp + fsync + rename). The id is
// urn:ivcap:artifact:<sha256>; uploading the same bytes again returns the
// existing artifact and keeps the metadata of the first upload (an id never
// changes meaning).
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace ivcap::runtime {

struct ArtifactMeta {
  std::string id;
  std::string sha256;
  std::uint64_t size = 0;
  std::string content_type;
  std::string name;
  std::string created_at;
};

nlohmann::json to_json(const ArtifactMeta& meta);

// Metadata a client may set; sanitised or rejected before storing.
// Returns an error message, or empty when valid.
std::string check_content_type(std::string_view content_type);
std::string check_artifact_name(std::string_view name);

class ArtifactStore {
 public:
  explicit ArtifactStore(std::filesystem::path root);  // creates the layout

  struct PutResult {
    ArtifactMeta meta;
    bool created = false;
  };
  // Throws std::runtime_error on I/O failure.
  PutResult put(std::string_view bytes, std::string content_type, std::string name);

  // nullopt for an unknown or malformed id.
  std::optional<ArtifactMeta> find(std::string_view id) const;
  std::filesystem::path blob_path(const ArtifactMeta& meta) const;

 private:
  std::filesystem::path blob_path_for(const std::string& sha) const;
  std::filesystem::path meta_path_for(const std::string& sha) const;

  std::filesystem::path root_;
};

}  // namespace ivcap::runtime
