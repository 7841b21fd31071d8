#!/usr/bin/env bash
# CI: builds the libFuzzer targets with clang in build-fuzz/ and runs each
# for a bounded time (FUZZ_SECONDS, default 60) on a seed corpus copied from
# the shipped specs. A crash fails the run; its input is kept in
# build-fuzz/artifacts/ — fix the bug and add the input to
# tests/fuzz/regressions/ (replayed by tests/spec/test_fuzz_regressions.cpp).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-60}
targets=(loader overlay_merge service_decoder)

CXX=${FUZZ_CXX:-clang++} cmake -S . -B build-fuzz -G Ninja -DIVCAPGEN_FUZZ=ON \
  -DIVCAPGEN_RUNTIME=OFF -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only" \
  >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
artifacts=build-fuzz/artifacts
mkdir -p "$artifacts"
status=0
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  cp environments/*.yaml overlays/*.yaml environments/services*/*.yaml "$work/$t/"
  echo "fuzz: $t for ${seconds} s"
  if ! ASAN_OPTIONS="detect_leaks=1:${ASAN_OPTIONS:-}" "build-fuzz/tests/fuzz/fuzz_$t" \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -dict=tests/fuzz/yaml.dict -print_final_stats=1 \
    -artifact_prefix="$artifacts/$t-" "$work/$t" >"$work/$t.log" 2>&1; then
    status=1
    tail -n 60 "$work/$t.log"
    echo "fuzz: $t FAILED; crash input(s): $(ls "$artifacts" | grep "^$t-" | tr '\n' ' ')"
    continue
  fi
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|#[0-9]+ +DONE)' \
    "$work/$t.log" | sed "s/^/fuzz: $t: /" || true
done
exit "$status"
