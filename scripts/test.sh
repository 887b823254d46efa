#!/usr/bin/env bash
# Sets up, builds (optimised, invariant checks on, warnings as errors) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/check-format.sh
python3 tools/check_data.py
cmake --preset ci
cmake --build --preset ci
ctest --preset ci
