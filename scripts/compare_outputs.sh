#!/usr/bin/env bash
# Are the outputs of this working tree byte-identical to those of another commit?
# Builds REV (default: origin's main, else HEAD) in a temporary worktree with the release preset,
# runs every shipped scenario at seed 1 and scale 0.01 with both binaries, and compares every
# output file. manifest.json is compared without the fields that describe the machine and the
# build (timings, commit, version, command line), which differ by design.
# Usage: scripts/compare_outputs.sh [REV] [scenario.yaml ...]
# Exit 0: identical; 1: some output differs (the differing files are listed).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
rev=${1:-HEAD}
shift || true
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(scenarios/*.yaml)
py=/usr/bin/python3

work=$(mktemp -d /tmp/narcosim-compare.XXXXXX)
cleanup() {
  git -C "$root" worktree remove --force "$work/src" > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "building $rev in $work/src (release preset)"
git -C "$root" worktree add --detach -q "$work/src" "$rev"
(cd "$work/src" && cmake --preset release > "$work/configure-old.log" &&
  cmake --build --preset release > "$work/build-old.log") ||
  { tail -20 "$work/build-old.log"; exit 2; }
echo "building the working tree (release preset)"
(cmake --preset release > "$work/configure-new.log" &&
  cmake --build --preset release > "$work/build-new.log") ||
  { tail -20 "$work/build-new.log"; exit 2; }

old_bin="$work/src/build/release/narcosim"
new_bin="$root/build/release/narcosim"
status=0
for scenario in "${scenarios[@]}"; do
  name=$(basename "$scenario" .yaml)
  "$old_bin" --data-dir "$root/data" run "$scenario" --seed 1 --scale 0.01 --threads 2 --quiet \
    --out "$work/old/$name"
  "$new_bin" --data-dir "$root/data" run "$scenario" --seed 1 --scale 0.01 --threads 2 --quiet \
    --out "$work/new/$name"
  if "$py" tools/compare_output_dirs.py "$work/old/$name" "$work/new/$name"; then
    echo "identical: $name"
  else
    status=1
  fi
done
[ $status -eq 0 ] && echo "all ${#scenarios[@]} scenarios: identical outputs" ||
  echo "outputs differ from $rev"
exit $status
