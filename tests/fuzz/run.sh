#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time (FUZZ_SECONDS, default 60)
# on a seed corpus copied from the shipped specs. The targets come from a
# build configured with clang and -DIVCAPGEN_FUZZ=ON (tests/harden.sh makes
# one in build-harden/; pass another build directory as $1). A crash fails
# the run; its input is kept in <build>/artifacts/ — fix the bug and add the
# input to tests/fuzz/regressions/ (replayed by tests/spec/test_fuzz_regressions.cpp).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-harden}
seconds=${FUZZ_SECONDS:-60}
targets=(loader overlay_merge service_decoder)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
artifacts=$build/artifacts
mkdir -p "$artifacts"
status=0
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  cp environments/*.yaml overlays/*.yaml environments/services*/*.yaml "$work/$t/"
  echo "fuzz: $t for ${seconds} s"
  if ! ASAN_OPTIONS="detect_leaks=1:${ASAN_OPTIONS:-}" "$build/tests/fuzz/fuzz_$t" \
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
