// Redactor: secret values and secret-looking names never reach a log.
#include <catch2/catch.hpp>

#include "tools/redactor.h"

using namespace ivcapgen::tools;
using Argv = std::vector<std::string>;

TEST_CASE("redactor: default name patterns", "[tools][redact]") {
  Redactor r;
  for (const char* name : {"AWS_SECRET_ACCESS_KEY", "ARM_CLIENT_SECRET", "GITHUB_TOKEN",
                           "AWS_SESSION_TOKEN", "DB_PASSWORD", "db_password", "--client-secret",
                           "--token", "access_key", "ARM_ACCESS_KEY", "sas_token", "api-key"}) {
    INFO(name);
    CHECK(r.is_secret_name(name));
  }
  for (const char* name : {"PATH", "HOME", "TF_IN_AUTOMATION", "--namespace", "-out", "key",
                           "bucket", "KUBECONFIG", "--field-manager", ""}) {
    INFO(name);
    CHECK_FALSE(r.is_secret_name(name));
  }
}

TEST_CASE("redactor: glob matching ignores case and reads - and . as _", "[tools][redact]") {
  CHECK(secret_name_matches("*_SECRET*", "--client-secret"));
  CHECK(secret_name_matches("*_SECRET*", "client.secret.value"));
  CHECK_FALSE(secret_name_matches("*_SECRET*", "SECRET"));
  CHECK(secret_name_matches("AWS_?ECRET", "aws_secret"));
  CHECK_FALSE(secret_name_matches("AWS_?ECRET", "aws_sseCRET"));
  CHECK(secret_name_matches("*", "anything"));
  CHECK(secret_name_matches("A*B*C", "AxxBxxBxxC"));
  CHECK_FALSE(secret_name_matches("A*B*C", "AxxBxxBxxD"));
}

TEST_CASE("redactor: custom patterns extend the defaults", "[tools][redact]") {
  Redactor r;
  CHECK_FALSE(r.is_secret_name("SIGNING_SEED"));
  r.add_name_pattern("*_SEED");
  CHECK(r.is_secret_name("SIGNING_SEED"));
  CHECK(r.is_secret_name("GITHUB_TOKEN"));
}

TEST_CASE("redactor: secret values are masked anywhere in text", "[tools][redact]") {
  Redactor r;
  r.add_secret("hunter2");
  r.add_secret("");  // ignored: would match everywhere
  CHECK(r.redact("password is hunter2, really hunter2!") == "password is ***, really ***!");
  CHECK(r.redact("nothing here") == "nothing here");
  CHECK(r.redact("") == "");
}

TEST_CASE("redactor: overlapping secrets mask fully (longest first)", "[tools][redact]") {
  Redactor r;
  r.add_secret("abc");
  r.add_secret("abcdef");
  CHECK(r.redact("xabcdefx abcx") == "x***x ***x");
}

TEST_CASE("redactor: environment values by name or by value", "[tools][redact]") {
  Redactor r;
  r.add_secret("s3cr3t");
  CHECK(r.redact_env("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI") == "***");
  CHECK(r.redact_env("HOME", "/root") == "/root");
  CHECK(r.redact_env("DATABASE_URL", "postgres://u:s3cr3t@db/x") == "postgres://u:***@db/x");
}

TEST_CASE("redactor: argv options with secret names or values", "[tools][redact]") {
  Redactor r;
  r.add_secret("tok-123");
  const Argv argv = {"kubectl",
                     "--token=abc",
                     "--password",
                     "pw1",
                     "--namespace",
                     "ivcap",
                     "-backend-config=access_key=AKIA123",
                     "-backend-config=bucket=state",
                     "-var=db_password=xyz",
                     "--header=Authorization: Bearer tok-123",
                     "DB_PASSWORD=plain",
                     "positional-tok-123"};
  const Argv expected = {"kubectl",
                         "--token=***",
                         "--password",
                         "***",
                         "--namespace",
                         "ivcap",
                         "-backend-config=access_key=***",
                         "-backend-config=bucket=state",
                         "-var=db_password=***",
                         "--header=Authorization: Bearer ***",
                         "DB_PASSWORD=***",
                         "positional-***"};
  CHECK(r.redact_argv(argv) == expected);
}

TEST_CASE("redactor: the program name is never mistaken for an option", "[tools][redact]") {
  Redactor r;
  CHECK(r.redact_argv({"/opt/token-tools/bin/helm", "status"}) ==
        Argv{"/opt/token-tools/bin/helm", "status"});
  CHECK(r.redact_argv({}).empty());
  CHECK(r.redact_argv({"x", "--token"}) == Argv{"x", "--token"});
}
