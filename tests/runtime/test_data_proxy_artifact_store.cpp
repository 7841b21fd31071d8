// Unit tests of the data proxy's content-addressed store.
#include <catch2/catch.hpp>

#include "common/content_digest.h"
#include "common/ivcap_urn.h"
#include "data_proxy/artifact_store.h"
#include "support/test_env.h"

using namespace ivcap::runtime;
using ivcapgen::testing::TempDir;
namespace fs = std::filesystem;

TEST_CASE("artifact store: content addressing and first-upload metadata", "[runtime][data-proxy]") {
  TempDir tmp;
  ArtifactStore store(tmp / "store");
  auto first = store.put("hello", "text/plain", "a.txt");
  CHECK(first.created);
  CHECK(first.meta.sha256 == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  CHECK(first.meta.id == "urn:ivcap:artifact:" + first.meta.sha256);
  CHECK(first.meta.size == 5);

  auto again = store.put("hello", "application/json", "b.json");
  CHECK_FALSE(again.created);
  CHECK(again.meta.id == first.meta.id);
  CHECK(again.meta.content_type == "text/plain");  // an id never changes meaning
  CHECK(again.meta.name == "a.txt");

  auto found = store.find(first.meta.id);
  REQUIRE(found);
  CHECK(ivcapgen::testing::read_file(store.blob_path(*found)) == "hello");
  // No temp files are left behind.
  CHECK(fs::is_empty(tmp / "store" / "tmp"));
}

TEST_CASE("artifact store: empty content type defaults; unknown and malformed ids",
          "[runtime][data-proxy]") {
  TempDir tmp;
  ArtifactStore store(tmp / "store");
  auto put = store.put("", "", "");
  CHECK(put.meta.content_type == "application/octet-stream");
  CHECK(put.meta.size == 0);
  CHECK(store.find(put.meta.id));
  CHECK_FALSE(store.find(artifact_urn(std::string(64, '0'))));
  CHECK_FALSE(store.find("urn:ivcap:artifact:../../../etc/passwd"));
  CHECK_FALSE(store.find("../../etc/passwd"));
  CHECK_FALSE(store.find(""));
}

TEST_CASE("artifact store: a damaged sidecar reads as not found", "[runtime][data-proxy]") {
  TempDir tmp;
  ArtifactStore store(tmp / "store");
  auto put = store.put("x", "text/plain", "");
  fs::path meta =
      tmp / "store" / "meta" / put.meta.sha256.substr(0, 2) / (put.meta.sha256 + ".json");
  REQUIRE(fs::exists(meta));
  fs::permissions(meta, fs::perms::owner_write | fs::perms::owner_read);
  ivcapgen::testing::write_file(meta, "{not json");
  CHECK_FALSE(store.find(put.meta.id));
}

TEST_CASE("artifact metadata checks", "[runtime][data-proxy]") {
  CHECK(check_content_type("text/plain; charset=utf-8").empty());
  CHECK_FALSE(check_content_type("text/plain\r\nX-Evil: 1").empty());
  CHECK_FALSE(check_artifact_name(std::string(300, 'a')).empty());
  CHECK(check_artifact_name("results/out.txt").empty());
}

TEST_CASE("sha256 streaming equals one-shot", "[runtime][data-proxy]") {
  Sha256Stream s;
  s.update("hel");
  s.update("lo");
  CHECK(s.hex() == sha256_hex("hello"));
}
