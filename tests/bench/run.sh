#!/usr/bin/env bash
# Benchmarks (not tests): `ivcapgen build` against `kubectl kustomize` on
# synthetic inputs generated at run time (gen_inputs.py); prints a table and
# writes bench.json at the repository root. Options go to bench.py, e.g.
#   tests/bench/run.sh --sizes 10,100,1000 --runs 5 --kustomize-max 1000
# The executable: $IVCAPGEN, else build-bench/ (configure it with
# -DCMAKE_BUILD_TYPE=Release), else build/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
exe=${IVCAPGEN:-}
if [ -z "$exe" ]; then
  for dir in build-bench build; do
    if [ -x "$root/$dir/generator/ivcapgen" ]; then
      exe="$root/$dir/generator/ivcapgen"
      break
    fi
  done
fi
if [ -z "$exe" ]; then
  echo "run.sh: no ivcapgen built; set IVCAPGEN or build build-bench/" >&2
  exit 1
fi
echo "ivcapgen: $exe"
exec python3 "$root/tests/bench/bench.py" --ivcapgen "$exe" --json "$root/bench.json" "$@"
