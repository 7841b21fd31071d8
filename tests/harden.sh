#!/usr/bin/env bash
# CI hardening job: one clang build in build-harden/ with
# -fsanitize=address,undefined (and libFuzzer coverage), then
#   1. the whole test suite under ASan+UBSan (the terraform-labelled tests
#      run real terraform on the modules and exercise no more C++ than the
#      main run does; they are left to it), and
#   2. each fuzzer for FUZZ_SECONDS (default 60; tests/fuzz/run.sh).
# Unoptimised (-O0): compiling is the long part here, and with precompiled
# headers (see generator/CMakeLists.txt) it takes ≈ 12 min on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

CXX=${HARDEN_CXX:-clang++} cmake -S . -B build-harden -G Ninja -DIVCAPGEN_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O0 -gline-tables-only" >/dev/null
cmake --build build-harden -j"$(nproc)"
echo "harden: built in $(( $(date +%s) - start )) s"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
ctest --test-dir build-harden --output-on-failure -j"$(nproc)" -LE terraform
echo "harden: sanitized suite passed at $(( $(date +%s) - start )) s"

bash tests/fuzz/run.sh build-harden
echo "harden: passed in $(( $(date +%s) - start )) s"
