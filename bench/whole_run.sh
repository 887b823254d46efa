#!/usr/bin/env bash
# Whole-run benchmark: wall time and peak memory of the baseline 2010-2030 at the given scales.
# Usage: bench/whole_run.sh [scale...]   (default: 0.01 1)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/narcosim
[ -x "$bin" ] || { echo "build the release preset first (scripts/quickstart.sh)"; exit 2; }
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(0.01 1)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%F)"
for scale in "${scales[@]}"; do
  out=$(mktemp -d)
  /usr/bin/time -f "%e %M" -o "$out/time" "$bin" run scenarios/baseline.yaml --scale "$scale" \
    --out "$out/run" --quiet
  read -r wall rss_kb < "$out/time"
  echo "baseline 2010-2030 scale $scale: wall ${wall} s, peak memory $((rss_kb / 1024)) MiB"
  rm -rf "$out"
done
