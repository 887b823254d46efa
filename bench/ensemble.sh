#!/usr/bin/env bash
# Ensemble benchmarks (issue 5): throughput at scales 0.001 and 0.01, parallel efficiency from 1
# to 2 threads and from 1 to 2 MPI ranks, memory per run, and (with --full) 1,000 runs of the
# baseline 2010-2030 at scale 0.001. Prints one line per figure; docs/performance.md records them.
# Usage: bench/ensemble.sh [--full]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/narcosim
[ -x "$bin" ] || { echo "build the release preset first (scripts/quickstart.sh)"; exit 2; }
full=0
[ "${1:-}" = "--full" ] && full=1
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%F); commit $(git rev-parse --short HEAD)"

# ensemble NAME RUNS SCALE [launcher words...] -- [extra narcosim flags...]: prints "wall rss_kb".
ensemble() {
  local name=$1 runs=$2 scale=$3
  shift 3
  local launcher=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do launcher+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  /usr/bin/time -f "%e %M" -o "$scratch/$name.time" "${launcher[@]}" "$bin" ensemble \
    scenarios/baseline.yaml --runs "$runs" --scale "$scale" --out "$scratch/$name" --quiet "$@"
  cat "$scratch/$name.time"
}

mean_run_seconds() {
  python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['mean_run_seconds_this_session'], 3))" "$1/manifest.json"
}

for spec in "0.001 40" "0.01 8"; do
  read -r scale runs <<< "$spec"
  read -r wall rss < <(ensemble "t$scale" "$runs" "$scale" -- --jobs 2)
  db_kb=$(( $(stat -c %s "$scratch/t$scale/results.sqlite") / 1024 / runs ))
  echo "throughput scale $scale: $runs runs, 2 jobs: ${wall} s wall, $(python3 -c "print(round($runs/$wall, 2))") runs/s, $(mean_run_seconds "$scratch/t$scale") s per run, peak memory $((rss / 1024)) MiB, database ${db_kb} KiB per run"
done

# best NAME RUNS SCALE [launcher...] -- [flags...]: the faster of two, as "wall rss_kb".
best() {
  local fastest="" line
  for _ in 1 2; do
    line=$(ensemble "$@")
    if [ -z "$fastest" ] || python3 -c "import sys; sys.exit(0 if float('${line%% *}') < float('${fastest%% *}') else 1)"; then
      fastest=$line
    fi
  done
  echo "$fastest"
}

runs=100
read -r w1 m1 < <(best j1 $runs 0.001 -- --jobs 1)
read -r w2 m2 < <(best j2 $runs 0.001 -- --jobs 2)
echo "threads, $runs runs at scale 0.001, best of 2: 1 job ${w1} s (${m1} KiB), 2 jobs ${w2} s (${m2} KiB); efficiency $(python3 -c "print(round(100*$w1/(2*$w2)))")%; memory per extra run in flight $(( (m2 - m1) / 1024 )) MiB"

if command -v mpirun >/dev/null; then
  read -r r1 _ < <(best r1 $runs 0.001 mpirun --oversubscribe -n 1 -- --jobs 1)
  read -r r2 _ < <(best r2 $runs 0.001 mpirun --oversubscribe -n 2 -- --jobs 1)
  cmp -s "$scratch/r1/quantiles.csv" "$scratch/r2/quantiles.csv" && same=identical || same=DIFFERENT
  echo "MPI ranks, $runs runs at scale 0.001, 1 job each, best of 2: 1 rank ${r1} s, 2 ranks ${r2} s; efficiency $(python3 -c "print(round(100*$r1/(2*$r2)))")%; quantiles $same"
fi

if [ $full -eq 1 ]; then
  read -r wall rss < <(ensemble k1000 1000 0.001 -- --jobs 2)
  echo "1000 runs of the baseline 2010-2030 at scale 0.001, 2 jobs: ${wall} s wall ($(python3 -c "print(round($wall/60, 1))") min), $(mean_run_seconds "$scratch/k1000") s per run, peak memory $((rss / 1024)) MiB, database $(( $(stat -c %s "$scratch/k1000/results.sqlite") / 1048576 )) MiB"
fi
