// Every input the fuzzers ever crashed on (tests/fuzz/regressions/) must now
// go through every fuzz case without crashing; so must the seed corpus (the
// shipped specs) and a few hand-made nasty inputs.
#include <catch2/catch.hpp>

#include "../fuzz/fuzz_cases.h"
#include "support/test_env.h"

using namespace ivcapgen;
namespace fs = std::filesystem;

namespace {

void run_all_cases(const std::string& data) {
  auto bytes = reinterpret_cast<const uint8_t*>(data.data());
  fuzzing::run_loader_case(bytes, data.size());
  fuzzing::run_overlay_merge_case(bytes, data.size());
  fuzzing::run_service_decoder_case(bytes, data.size());
}

}  // namespace

TEST_CASE("saved fuzzer crash inputs load without crashing") {
  fs::path dir = testing::source_dir() / "tests/fuzz/regressions";
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().filename() == "README.md") continue;
    std::string data = testing::read_file(e.path());
    INFO(e.path());
    run_all_cases(data);
    ++n;
  }
  SUCCEED(std::to_string(n) + " inputs replayed");
}

TEST_CASE("hand-made hostile documents load without crashing") {
  for (std::string doc :
       {std::string("spec: *x\n"), std::string("- - - - -\n"),
        std::string("controller: {$schema: 5}\n$schema: urn:ivcap:schema:service.2\n"),
        std::string("spec:\n  cluster:\n    nodePools: [{gpu: {count: -1}}]\n"),
        std::string("{\"a\": [1, 2, {\"b\": null}]}"), std::string("---\n---\n---\n"),
        std::string("\xEF\xBB\xBF"), std::string("a: !!binary aGVsbG8=\n"),
        std::string("$schema: urn:ivcap:schema:service.1\nworkflow: {type: argo, argo: x}\n")}) {
    run_all_cases(doc);
  }
  SUCCEED();
}

TEST_CASE("the seed corpus (every shipped spec) goes through every fuzz case") {
  size_t n = 0;
  for (const char* dir :
       {"environments", "environments/services", "environments/services-gpu", "overlays"}) {
    for (const auto& e : fs::directory_iterator(testing::source_dir() / dir)) {
      if (e.path().extension() != ".yaml") continue;
      INFO(e.path());
      run_all_cases(testing::read_file(e.path()));
      ++n;
    }
  }
  CHECK(n >= 10);
}
