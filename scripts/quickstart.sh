#!/usr/bin/env bash
# Sets up, builds (Release) and runs the main job: the baseline scenario with its summary and
# comparison with observed data, then a policy comparison against it over 10 pairs of seeds
# (common random numbers): the median change, its 90% interval and how often the policy lowers
# each headline metric. Installs the Python module for this user (~/.local), so that Debian's
# python3 can `import narcosim`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
# The Python package into the user's site directory (~/.local/lib/python3.X/site-packages).
cmake --install build/release --component python --prefix "$HOME/.local" > /dev/null
./build/release/narcosim run scenarios/baseline.yaml "$@"
./build/release/narcosim compare scenarios/baseline.yaml scenarios/central-america-legal-transport.yaml \
  --runs 10 "$@"
echo
echo "Python: /usr/bin/python3 -c 'import narcosim; print(narcosim.version())' (installed in ~/.local);"
echo "example notebook: examples/guatemala_legal_transport.ipynb; API: docs/python.md"
