#!/usr/bin/env bash
# Sets up, builds (optimised, invariant checks on, warnings as errors) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/check-format.sh
python3 tools/check_data.py
cmake --preset ci
cmake --build --preset ci
# clang-tidy over the library and the CLI (.clang-tidy: warnings are errors).
run-clang-tidy -p build/ci -quiet -j "$(nproc)" 'src/|apps/' > build/ci/clang-tidy.log 2>&1 ||
  { grep -E "warning:|error:" build/ci/clang-tidy.log | head -40; echo "clang-tidy failed"; exit 1; }
echo "clang-tidy: clean"
ctest --preset ci
