#include <catch2/catch.hpp>

#include "model/model.h"
#include "support/digest.h"

using namespace ivcapgen;

TEST_CASE("sha256 and sha1 match published test vectors") {
  CHECK(support::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(support::sha256_hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  std::string million(1000000, 'a');
  CHECK(support::sha256_hex(million) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  auto s1 = support::sha1("abc");
  CHECK(support::to_hex(s1.data(), s1.size()) == "a9993e364706816aba3e25717850c26c9cd0d89d");
}

TEST_CASE("incremental sha256 equals one-shot") {
  support::Sha256 h;
  h.update("hello ");
  h.update("world");
  CHECK(h.finish_hex() == support::sha256_hex("hello world"));
}

TEST_CASE("service ids are UUIDv5 in the DNS namespace") {
  // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") == 886313e1-3b8a-5372-9b90-0c9aee199e5d
  CHECK(support::uuid_v5(support::kUuidNamespaceDns, "python.org") ==
        "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  CHECK(model::derive_service_id("ivcap", "hello-dag").starts_with("urn:ivcap:service:"));
  CHECK(model::derive_service_id("ivcap", "hello-dag") ==
        model::derive_service_id("ivcap", "hello-dag"));
}
