#include "gateway/app_site.h"

#include "common/media_type.h"

namespace ivcap::runtime {

AppSite::AppSite(std::string bytes, const std::string& content_type, const std::string& name) {
  size_ = bytes.size();
  bool says_tar = content_type.rfind("application/x-tar", 0) == 0 ||
                  (name.size() > 4 && name.substr(name.size() - 4) == ".tar");
  if (says_tar || bytes.size() >= 512) {
    std::string copy = says_tar ? std::move(bytes) : bytes;
    archive_ = TarArchive::parse(std::move(copy));
    if (archive_ || says_tar) return;  // a broken tar serves nothing
  }
  single_ = std::move(bytes);
  single_type_ = content_type.empty() ? media_type_for(name) : content_type;
}

std::optional<SiteResponse> AppSite::serve(const std::string& request_path,
                                           const std::optional<std::string>& not_found_page) const {
  if (!archive_) return SiteResponse{200, single_, single_type_};
  std::string path = request_path;
  if (path.empty() || path.back() == '/') path += "index.html";
  if (auto normal = normalise_archive_path(path.substr(path[0] == '/' ? 1 : 0))) {
    if (auto content = archive_->file(*normal)) {
      return SiteResponse{200, std::string(*content), media_type_for(*normal)};
    }
  }
  if (not_found_page) {
    if (auto normal = normalise_archive_path(*not_found_page)) {
      if (auto content = archive_->file(*normal)) {
        return SiteResponse{404, std::string(*content), media_type_for(*normal)};
      }
    }
  }
  return std::nullopt;
}

std::shared_ptr<const AppSite> AppSiteCache::find(const std::string& artifact_id) {
  std::lock_guard lock(mutex_);
  auto it = sites_.find(artifact_id);
  return it == sites_.end() ? nullptr : it->second;
}

std::shared_ptr<const AppSite> AppSiteCache::add(const std::string& artifact_id,
                                                 std::shared_ptr<AppSite> site) {
  std::lock_guard lock(mutex_);
  if (used_ + site->bytes() > max_bytes_) {
    sites_.clear();  // simple and bounded; sites are reloaded on demand
    used_ = 0;
  }
  if (site->bytes() <= max_bytes_) {
    sites_[artifact_id] = site;
    used_ += site->bytes();
  }
  return site;
}

}  // namespace ivcap::runtime
