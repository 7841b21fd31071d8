// Every input the fuzzer ever crashed on (tests/fuzz/regressions/) must now
// load without crashing; plus a few hand-made nasty ones.
#include <catch2/catch.hpp>

#include "../fuzz/fuzz_loader_case.h"
#include "support/test_env.h"

using namespace ivcapgen;
namespace fs = std::filesystem;

TEST_CASE("saved fuzzer crash inputs load without crashing") {
  fs::path dir = testing::source_dir() / "tests/fuzz/regressions";
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().filename() == "README.md") continue;
    std::string data = testing::read_file(e.path());
    INFO(e.path());
    fuzzing::run_loader_case(reinterpret_cast<const uint8_t*>(data.data()), data.size());
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
    fuzzing::run_loader_case(reinterpret_cast<const uint8_t*>(doc.data()), doc.size());
  }
  SUCCEED();
}
