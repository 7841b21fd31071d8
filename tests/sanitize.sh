#!/usr/bin/env bash
# CI: the whole test suite built with -fsanitize=address,undefined in
# build-asan/ (IVCAPGEN_SANITIZE). Optimised lightly (-O1) to keep the build
# and the run short; the Terraform module tests (label terraform) run real
# terraform and exercise no C++ — they are left to the main run.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

cmake -S . -B build-asan -G Ninja -DIVCAPGEN_SANITIZE=ON -DIVCAPGEN_RUNTIME=ON \
  -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -g1" >/dev/null
cmake --build build-asan -j"$(nproc)"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
ctest --test-dir build-asan --output-on-failure -j"$(nproc)" -LE terraform "$@"

echo "sanitize: passed in $(( $(date +%s) - start )) s"
