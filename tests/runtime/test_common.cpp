// Unit tests of runtime/common: flags, quantities, times, ids, schemas, token.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "common/bearer_token.h"
#include "common/cli_flags.h"
#include "common/controller_schema.h"
#include "common/ivcap_urn.h"
#include "common/listen_address.h"
#include "common/peer_client.h"
#include "common/quantity.h"
#include "common/rfc3339_time.h"
#include "common/startup_error.h"
#include "support/test_env.h"

using namespace ivcap::runtime;
using ivcapgen::testing::TempDir;

TEST_CASE("flags: values, defaults, switches and usage errors", "[runtime][common]") {
  FlagSet flags("prog", "summary");
  flags.required("listen", "HOST:PORT", "where");
  flags.option("timeout", "DURATION", "how long", "30s");
  flags.toggle("keep", "keep things");
  SECTION("parsed") {
    const char* argv[] = {"prog", "--listen", "127.0.0.1:1", "--timeout=2m", "--keep"};
    REQUIRE_FALSE(flags.parse(5, argv));
    CHECK(flags.text("listen") == "127.0.0.1:1");
    CHECK(flags.duration("timeout") == std::chrono::minutes(2));
    CHECK(flags.toggled("keep"));
  }
  SECTION("defaults") {
    const char* argv[] = {"prog", "--listen", "x"};
    REQUIRE_FALSE(flags.parse(3, argv));
    CHECK(flags.duration("timeout") == std::chrono::seconds(30));
    CHECK_FALSE(flags.toggled("keep"));
  }
  SECTION("unknown flag, missing value, missing required flag, repeated flag -> 64") {
    const char* unknown[] = {"prog", "--listen", "x", "--bogus", "1"};
    CHECK(flags.parse(5, unknown) == 64);
  }
  SECTION("missing value") {
    const char* argv[] = {"prog", "--listen"};
    CHECK(flags.parse(2, argv) == 64);
  }
  SECTION("missing required") {
    const char* argv[] = {"prog"};
    CHECK(flags.parse(1, argv) == 64);
  }
  SECTION("repeated") {
    const char* argv[] = {"prog", "--listen", "a", "--listen", "b"};
    CHECK(flags.parse(5, argv) == 64);
  }
  SECTION("--help wins and exits 0") {
    const char* argv[] = {"prog", "--bogus", "--help"};
    CHECK(flags.parse(3, argv) == 0);
    CHECK(flags.usage().find("--timeout DURATION") != std::string::npos);
  }
  SECTION("bad typed value is a usage error") {
    const char* argv[] = {"prog", "--listen", "x", "--timeout", "soon"};
    REQUIRE_FALSE(flags.parse(5, argv));
    CHECK_THROWS_AS(flags.duration("timeout"), UsageError);
  }
}

TEST_CASE("quantities: durations and byte sizes", "[runtime][common]") {
  CHECK(parse_duration("500ms") == std::chrono::milliseconds(500));
  CHECK(parse_duration("15m") == std::chrono::minutes(15));
  CHECK(parse_duration("1h30m") == std::chrono::minutes(90));
  CHECK(parse_duration("42") == std::chrono::seconds(42));
  CHECK_FALSE(parse_duration(""));
  CHECK_FALSE(parse_duration("1m30"));
  CHECK_FALSE(parse_duration("-1s"));
  CHECK_FALSE(parse_duration("99999999999999999999h"));
  CHECK(parse_byte_size("64Mi") == 64ull << 20);
  CHECK(parse_byte_size("10K") == 10000u);
  CHECK(parse_byte_size("123") == 123u);
  CHECK_FALSE(parse_byte_size("12Q"));
  CHECK_FALSE(parse_byte_size("99999999999999999999Gi"));
}

TEST_CASE("rfc3339 times round-trip and reject garbage", "[runtime][common]") {
  auto t = parse_rfc3339("2024-08-21T10:15:30.123Z");
  REQUIRE(t);
  CHECK(format_rfc3339(*t) == "2024-08-21T10:15:30.123Z");
  auto offset = parse_rfc3339("2024-08-21T20:15:30+10:00");
  REQUIRE(offset);
  CHECK(format_rfc3339(*offset) == "2024-08-21T10:15:30.000Z");
  CHECK_FALSE(parse_rfc3339("2024-13-01T00:00:00Z"));
  CHECK_FALSE(parse_rfc3339("yesterday"));
  CHECK_FALSE(parse_rfc3339("2024-08-21T10:15:30"));
}

TEST_CASE("listen addresses are loopback only", "[runtime][common]") {
  std::string why;
  auto a = parse_listen_address("127.0.0.1:8080", why);
  REQUIRE(a);
  CHECK(a->port == 8080);
  CHECK(parse_listen_address("localhost:0", why)->host == "127.0.0.1");
  CHECK_FALSE(parse_listen_address("0.0.0.0:8080", why));
  CHECK(why.find("loopback") != std::string::npos);
  CHECK_FALSE(parse_listen_address("10.1.2.3:80", why));
  CHECK_FALSE(parse_listen_address("127.0.0.1:70000", why));
  CHECK_FALSE(parse_listen_address("127.0.0.1", why));
}

TEST_CASE("peer urls", "[runtime][common]") {
  CHECK(parse_peer_url("http://127.0.0.1:8181/")->text == "http://127.0.0.1:8181");
  CHECK_FALSE(parse_peer_url("https://127.0.0.1:8181"));
  CHECK_FALSE(parse_peer_url("http://127.0.0.1"));
  CHECK_FALSE(parse_peer_url("http://a b:1"));
}

TEST_CASE("ivcap ids", "[runtime][common]") {
  CHECK(is_service_id("urn:ivcap:service:0b1e9c0a-3f4e-4c8f-9a1d-2b3c4d5e6f70"));
  CHECK_FALSE(is_service_id("urn:ivcap:service:0B1E9C0A-3F4E-4C8F-9A1D-2B3C4D5E6F70"));
  CHECK_FALSE(is_service_id("urn:ivcap:service:../../etc"));
  CHECK(is_uuid(new_uuid_v4()));
  CHECK(new_uuid_v4() != new_uuid_v4());
  // RFC 4122 appendix B / Python's uuid.uuid5(NAMESPACE_DNS, "python.org").
  CHECK(uuid_v5_dns("python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  CHECK(service_id_for("ivcap", "hello") == "urn:ivcap:service:" + uuid_v5_dns("ivcap/hello"));
  std::string sha(64, 'a');
  CHECK(artifact_digest("urn:ivcap:artifact:" + sha) == sha);
  CHECK_FALSE(artifact_digest("urn:ivcap:artifact:" + sha.substr(1)));
  CHECK_FALSE(artifact_digest("urn:ivcap:artifact:../" + sha.substr(3)));
  CHECK_FALSE(artifact_digest("urn:ivcap:artifact:" + std::string(64, 'A')));
}

TEST_CASE("controller schemas: both spellings, canonical ADR form", "[runtime][common]") {
  CHECK(parse_controller_schema("urn:ivcap:schema:service.argo-wf.1") == ControllerModel::ArgoWf);
  CHECK(parse_controller_schema("urn:ivcap:schema.service.argo.1") == ControllerModel::Argo);
  CHECK(parse_controller_schema("urn:ivcap:schema:service-proxy.1") ==
        ControllerModel::ServiceProxy);
  CHECK_FALSE(parse_controller_schema("urn:ivcap:schema:service.quantum.1"));
  CHECK_FALSE(parse_controller_schema("urn:ivcap:schema:service.basic.2"));
  CHECK(normalise_controller_schema("urn:ivcap:schema.service.basic.1") ==
        "urn:ivcap:schema:service.basic.1");
  CHECK(normalise_controller_schema("whatever") == "whatever");
  CHECK(known_controller_schemas().size() == 8);
}

TEST_CASE("bearer token file: mode, content, constant-time check", "[runtime][common]") {
  TempDir tmp;
  auto file = tmp / "token";
  ivcapgen::testing::write_file(file, "s3cret\n");
  SECTION("group/world readable is refused") {
    chmod(file.c_str(), 0644);
    CHECK_THROWS_AS(BearerToken::load(file), StartupError);
    chmod(file.c_str(), 0640);
    CHECK_THROWS_AS(BearerToken::load(file), StartupError);
  }
  SECTION("0600 loads; the trailing newline is not part of the token") {
    chmod(file.c_str(), 0600);
    auto token = BearerToken::load(file);
    CHECK(token.value() == "s3cret");
    CHECK(token.accepts("Bearer s3cret"));
    CHECK_FALSE(token.accepts("Bearer s3cre"));
    CHECK_FALSE(token.accepts("Bearer s3cret2"));
    CHECK_FALSE(token.accepts("Basic s3cret"));
    CHECK_FALSE(token.accepts(""));
  }
  SECTION("empty or missing") {
    ivcapgen::testing::write_file(file, "\n");
    chmod(file.c_str(), 0600);
    CHECK_THROWS_AS(BearerToken::load(file), StartupError);
    CHECK_THROWS_AS(BearerToken::load(tmp / "absent"), StartupError);
  }
}
