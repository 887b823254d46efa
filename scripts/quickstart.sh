#!/usr/bin/env bash
# Sets up, builds (Release) and runs the main job: the baseline scenario with its summary and
# comparison with observed data, then a policy comparison against it (common random numbers).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
./build/release/narcosim run scenarios/baseline.yaml "$@"
./build/release/narcosim compare scenarios/baseline.yaml scenarios/central-america-legal-transport.yaml "$@"
