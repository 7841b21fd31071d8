#include "data_proxy/data_proxy_api.h"

#include <fstream>
#include <memory>

#include <httplib.h>

#include "common/http_errors.h"
#include "common/ivcap_urn.h"

namespace ivcap::runtime {

namespace {

// Validates the id taken from the URL; sends 400 and returns false when it is
// not a well-formed artifact URN (this is what stops "../" and friends).
bool check_id(const std::string& id, httplib::Response& res) {
  if (artifact_digest(id)) return true;
  send_error(res, 400,
             "malformed artifact id '" + id + "'; expected urn:ivcap:artifact:<64 lowercase hex>",
             "malformed-id");
  return false;
}

void upload(ArtifactStore& store, JsonLog& log, const httplib::Request& req,
            httplib::Response& res) {
  std::string content_type = req.get_header_value("Content-Type");
  std::string name =
      req.has_param("name") ? req.get_param_value("name") : req.get_header_value("X-Artifact-Name");
  if (auto why = check_content_type(content_type); !why.empty()) {
    return send_error(res, 400, why);
  }
  if (auto why = check_artifact_name(name); !why.empty()) return send_error(res, 400, why);
  auto result = store.put(req.body, content_type, name);
  log.info(result.created ? "artifact stored" : "artifact exists",
           {{"id", result.meta.id}, {"size", result.meta.size}});
  res.set_header("Location", "/1/artifacts/" + result.meta.id);
  send_json(res, result.created ? 201 : 200, to_json(result.meta));
}

void download(const ArtifactStore& store, const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  if (!check_id(id, res)) return;
  auto meta = store.find(id);
  if (!meta) return send_error(res, 404, "unknown artifact '" + id + "'");
  auto file = std::make_shared<std::ifstream>(store.blob_path(*meta), std::ios::binary);
  if (!*file) return send_error(res, 500, "artifact content is unreadable");
  res.status = 200;
  res.set_header("ETag", "\"" + meta->sha256 + "\"");
  if (!meta->name.empty()) res.set_header("X-Artifact-Name", meta->name);
  res.set_content_provider(meta->size, meta->content_type,
                           [file](size_t offset, size_t length, httplib::DataSink& sink) {
                             char buf[64 * 1024];
                             file->seekg(static_cast<std::streamoff>(offset));
                             size_t n = std::min(length, sizeof buf);
                             file->read(buf, static_cast<std::streamsize>(n));
                             std::streamsize got = file->gcount();
                             if (got <= 0) return false;
                             return sink.write(buf, static_cast<size_t>(got));
                           });
}

}  // namespace

void install_data_proxy_routes(httplib::Server& server, ArtifactStore& store, JsonLog& log) {
  server.Post("/1/artifacts", [&store, &log](const httplib::Request& req, httplib::Response& res) {
    upload(store, log, req, res);
  });
  server.Get(R"(/1/artifacts/([^/]+)/metadata)",
             [&store](const httplib::Request& req, httplib::Response& res) {
               const std::string id = req.matches[1];
               if (!check_id(id, res)) return;
               auto meta = store.find(id);
               if (!meta) return send_error(res, 404, "unknown artifact '" + id + "'");
               send_json(res, 200, to_json(*meta));
             });
  server.Get(R"(/1/artifacts/(.*))", [&store](const httplib::Request& req, httplib::Response& res) {
    download(store, req, res);
  });
}

}  // namespace ivcap::runtime
