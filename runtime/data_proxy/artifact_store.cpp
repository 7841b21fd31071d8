#include "data_proxy/artifact_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/atomic_file.h"
#include "common/content_digest.h"
#include "common/ivcap_urn.h"
#include "common/rfc3339_time.h"

namespace ivcap::runtime {

namespace fs = std::filesystem;

nlohmann::json to_json(const ArtifactMeta& meta) {
  return {{"id", meta.id},     {"sha256", meta.sha256},
          {"size", meta.size}, {"content-type", meta.content_type},
          {"name", meta.name}, {"created-at", meta.created_at}};
}

std::string check_content_type(std::string_view content_type) {
  if (content_type.size() > 255) return "content type is longer than 255 characters";
  for (char c : content_type) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return "content type contains control characters";
    }
  }
  return {};
}

std::string check_artifact_name(std::string_view name) {
  if (name.size() > 255) return "artifact name is longer than 255 characters";
  for (char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return "artifact name contains control characters";
    }
  }
  return {};
}

ArtifactStore::ArtifactStore(fs::path root) : root_(std::move(root)) {
  for (const char* sub : {"blobs", "meta", "tmp"}) fs::create_directories(root_ / sub);
}

fs::path ArtifactStore::blob_path_for(const std::string& sha) const {
  return root_ / "blobs" / sha.substr(0, 2) / sha;
}

fs::path ArtifactStore::meta_path_for(const std::string& sha) const {
  return root_ / "meta" / sha.substr(0, 2) / (sha + ".json");
}

fs::path ArtifactStore::blob_path(const ArtifactMeta& meta) const {
  return blob_path_for(meta.sha256);
}

ArtifactStore::PutResult ArtifactStore::put(std::string_view bytes, std::string content_type,
                                            std::string name) {
  const std::string sha = sha256_hex(bytes);
  if (content_type.empty()) content_type = "application/octet-stream";
  if (auto existing = find(artifact_urn(sha))) return {*existing, false};

  // Write the blob outside the lock: it is the slow part, and two writers of
  // the same content produce the same file.
  fs::path temp;
  int fd = create_temp_file(root_ / "tmp", temp);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int saved = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      throw std::runtime_error(std::string("cannot write artifact: ") + std::strerror(saved));
    }
    done += static_cast<size_t>(n);
  }
  fs::create_directories(blob_path_for(sha).parent_path());
  commit_temp_file(fd, temp, blob_path_for(sha));

  fs::path meta_path = meta_path_for(sha);
  ArtifactMeta meta{artifact_urn(sha), sha,
                    bytes.size(),      std::move(content_type),
                    std::move(name),   format_rfc3339(std::chrono::system_clock::now())};
  fs::create_directories(meta_path.parent_path());
  // First writer wins: link() fails with EEXIST if a racing upload of the
  // same bytes committed its metadata first.
  fs::path meta_temp;
  int meta_fd = create_temp_file(root_ / "tmp", meta_temp);
  std::string text = to_json(meta).dump() + "\n";
  bool ok = ::write(meta_fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::fsync(meta_fd);
  ::close(meta_fd);
  if (!ok) {
    ::unlink(meta_temp.c_str());
    throw std::runtime_error("cannot write artifact metadata");
  }
  int rc = ::link(meta_temp.c_str(), meta_path.c_str());
  int saved = errno;
  ::unlink(meta_temp.c_str());
  if (rc != 0 && saved != EEXIST) {
    throw std::runtime_error(std::string("cannot commit artifact metadata: ") +
                             std::strerror(saved));
  }
  if (rc != 0) {
    if (auto winner = find(meta.id)) return {*winner, false};
  }
  return {meta, rc == 0};
}

std::optional<ArtifactMeta> ArtifactStore::find(std::string_view id) const {
  auto sha = artifact_digest(id);
  if (!sha) return std::nullopt;
  std::ifstream in(meta_path_for(*sha));
  if (!in) return std::nullopt;
  std::error_code ec;
  if (!fs::is_regular_file(blob_path_for(*sha), ec)) return std::nullopt;
  try {
    nlohmann::json doc = nlohmann::json::parse(in);
    ArtifactMeta meta;
    meta.id = doc.at("id").get<std::string>();
    meta.sha256 = doc.at("sha256").get<std::string>();
    meta.size = doc.at("size").get<std::uint64_t>();
    meta.content_type = doc.at("content-type").get<std::string>();
    meta.name = doc.value("name", "");
    meta.created_at = doc.value("created-at", "");
    if (meta.sha256 != *sha) return std::nullopt;
    return meta;
  } catch (const std::exception&) {
    return std::nullopt;  // a damaged sidecar reads as "not found"
  }
}

}  // namespace ivcap::runtime
