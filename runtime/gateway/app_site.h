#pragma once
// app-server services: a site served by the gateway for requests whose Host
// is the controller's `host`. The site is the controller's `artifact`:
//   - a tar archive (content type application/x-tar, or a name ending in
//     .tar, or bytes that parse as one): each request path is a file in it,
//     "/" and ".../" mean index.html;
//   - anything else: a single file, served for every path.
// A path with no file gets the controller's "404" page (a path in the
// archive) with status 404, or a JSON 404 without one.
// Sites are cached by artifact (content-addressed, so never stale).
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "gateway/tar_archive.h"

namespace ivcap::runtime {

struct SiteResponse {
  int status = 200;
  std::string body;
  std::string content_type;
};

class AppSite {
 public:
  AppSite(std::string bytes, const std::string& content_type, const std::string& name);
  // nullopt: nothing to serve (and no 404 page).
  std::optional<SiteResponse> serve(const std::string& request_path,
                                    const std::optional<std::string>& not_found_page) const;
  size_t bytes() const { return size_; }
  bool is_archive() const { return archive_.has_value(); }

 private:
  std::optional<TarArchive> archive_;
  std::string single_;
  std::string single_type_;
  size_t size_ = 0;
};

class AppSiteCache {
 public:
  explicit AppSiteCache(size_t max_bytes) : max_bytes_(max_bytes) {}
  std::shared_ptr<const AppSite> find(const std::string& artifact_id);
  std::shared_ptr<const AppSite> add(const std::string& artifact_id, std::shared_ptr<AppSite> site);

 private:
  size_t max_bytes_;
  size_t used_ = 0;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const AppSite>> sites_;
};

}  // namespace ivcap::runtime
