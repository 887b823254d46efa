#!/usr/bin/env bash
# Sets up, builds (Debug with invariant checks and -Werror) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset ci
cmake --build --preset ci
ctest --preset ci
