#!/usr/bin/env bash
# Sets up, builds (Release) and runs the main job: the baseline scenario with its summary and
# comparison with observed data, then a policy comparison against it over 10 pairs of seeds
# (common random numbers): the median change, its 90% interval and how often the policy lowers
# each headline metric.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
./build/release/narcosim run scenarios/baseline.yaml "$@"
./build/release/narcosim compare scenarios/baseline.yaml scenarios/central-america-legal-transport.yaml \
  --runs 10 "$@"
