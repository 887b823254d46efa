#!/usr/bin/env bash
# Sets up, builds (Release) and runs the main job: the baseline scenario with its summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
./build/release/narcosim run scenarios/baseline.yaml "$@"
