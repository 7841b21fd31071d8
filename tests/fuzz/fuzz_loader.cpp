// libFuzzer entry point for the loader (see fuzz_loader_case.h).
#include "fuzz_loader_case.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ivcapgen::fuzzing::run_loader_case(data, size);
  return 0;
}
