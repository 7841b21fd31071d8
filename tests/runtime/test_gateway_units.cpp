// Unit tests of the gateway's service documents, tar archives and sites.
#include <catch2/catch.hpp>

#include "common/ivcap_urn.h"
#include "gateway/app_site.h"
#include "gateway/service_document.h"
#include "gateway/tar_archive.h"
#include "tar_writer.h"

using namespace ivcap::runtime;
using nlohmann::json;

namespace {

json doc(const std::string& schema) {
  return {{"$schema", "urn:ivcap:schema.service.2"},
          {"name", "hello-world"},
          {"description", "Says hello."},
          {"controller", {{"$schema", schema}, {"image", "x"}}}};
}

}  // namespace

TEST_CASE("service documents are normalised", "[runtime][gateway]") {
  auto r =
      normalise_service_document(doc("urn:ivcap:schema.service.argo.1"), "ivcap", std::nullopt);
  REQUIRE(std::holds_alternative<json>(r));
  const json& d = std::get<json>(r);
  CHECK(d["$schema"] == "urn:ivcap:schema:service.2");
  CHECK(d["controller"]["$schema"] == "urn:ivcap:schema:service.argo.1");
  CHECK(d["id"] == service_id_for("ivcap", "hello-world"));

  auto unknown = normalise_service_document(doc("urn:x:y"), "ivcap", std::nullopt);
  CHECK(std::get<json>(unknown)["controller"]["$schema"] == "urn:x:y");
}

TEST_CASE("service documents: ids, names and legacy service.1", "[runtime][gateway]") {
  auto error = [](json d, std::optional<std::string> path_id = std::nullopt) {
    auto r = normalise_service_document(std::move(d), "ivcap", path_id);
    REQUIRE(std::holds_alternative<std::string>(r));
    return std::get<std::string>(r);
  };
  json d = doc("urn:ivcap:schema:service.basic.1");
  d["name"] = "Hello";
  CHECK(error(d).find("'name'") == 0);
  d = doc("urn:ivcap:schema:service.basic.1");
  d["id"] = "urn:ivcap:service:not-a-uuid";
  CHECK(error(d).find("'id'") == 0);
  d["id"] = "urn:ivcap:service:aaaaaaaa-2222-4333-8444-555555555555";
  CHECK(error(d, "urn:ivcap:service:bbbbbbbb-2222-4333-8444-555555555555").find("does not match") !=
        std::string::npos);
  d.erase("$schema");
  CHECK(error(d).find("$schema") != std::string::npos);
  json app = doc("urn:ivcap:schema:service.app-server.1");
  app["controller"]["host"] = "site";
  CHECK(error(app).find("artifact") != std::string::npos);

  json legacy = {
      {"$schema", "urn:ivcap:schema:service.1"},
      {"name", "old"},
      {"description", "An old-style service."},
      {"workflow", {{"type", "basic"}, {"basic", {{"image", "i"}, {"command", {"python"}}}}}}};
  auto migrated = std::get<json>(normalise_service_document(legacy, "ivcap", std::nullopt));
  CHECK(migrated["controller"]["$schema"] == "urn:ivcap:schema:service.basic.1");
  CHECK(migrated["controller"]["command"] == json{"python"});
  CHECK_FALSE(migrated.contains("workflow"));
}

TEST_CASE("tar archives: files, paths and hostile entries", "[runtime][gateway]") {
  std::string tar = make_tar({{"./index.html", "<h1>home</h1>"},
                              {"css/site.css", "body{}"},
                              {"../evil.txt", "nope"},
                              {"/abs.txt", "nope"},
                              {std::string(120, 'd') + "/long.txt", "long"}});
  auto archive = TarArchive::parse(tar);
  REQUIRE(archive);
  CHECK(archive->file("index.html") == "<h1>home</h1>");
  CHECK(archive->file("css/site.css") == "body{}");
  CHECK(archive->file(std::string(120, 'd') + "/long.txt") == "long");
  CHECK_FALSE(archive->file("evil.txt"));
  CHECK(archive->size() == 3);

  std::string corrupt = tar;
  corrupt[10] ^= 0x55;  // breaks the first header's checksum
  CHECK_FALSE(TarArchive::parse(corrupt));
  CHECK_FALSE(TarArchive::parse(tar.substr(0, 520)));  // truncated entry
  CHECK_FALSE(TarArchive::parse("short"));
  CHECK(normalise_archive_path("a/./b//c") == "a/b/c");
  CHECK_FALSE(normalise_archive_path("a/../b"));
}

TEST_CASE("app sites: tar with index and 404 page, or a single file", "[runtime][gateway]") {
  AppSite site(make_tar({{"index.html", "home"}, {"404.html", "lost"}, {"a/b.json", "{}"}}),
               "application/x-tar", "");
  REQUIRE(site.is_archive());
  auto home = site.serve("/", std::string("404.html"));
  REQUIRE(home);
  CHECK(home->status == 200);
  CHECK(home->body == "home");
  CHECK(home->content_type == "text/html");
  CHECK(site.serve("/a/b.json", std::nullopt)->content_type == "application/json");
  auto missing = site.serve("/nope", std::string("404.html"));
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(missing->body == "lost");
  CHECK_FALSE(site.serve("/nope", std::nullopt));
  CHECK_FALSE(site.serve("/../../etc/passwd", std::nullopt));

  AppSite single("<p>one</p>", "text/html", "page.html");
  CHECK_FALSE(single.is_archive());
  CHECK(single.serve("/anything", std::nullopt)->body == "<p>one</p>");
}
