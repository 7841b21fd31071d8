// libFuzzer entry point, compiled once per case of fuzz_cases.h:
// IVCAPGEN_FUZZ_CASE names the function (see CMakeLists.txt).
#include "fuzz_cases.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ivcapgen::fuzzing::IVCAPGEN_FUZZ_CASE(data, size);
  return 0;
}
