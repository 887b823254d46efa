#!/usr/bin/env bash
# Sets up, builds (optimised, invariant checks on, warnings as errors) and runs every test; then
# builds again with clang under AddressSanitizer and UndefinedBehaviorSanitizer, floating-point
# traps in the model and the fuzz targets, and runs every test again with a short fuzzing
# session per target (docs/reliability.md).
set -euo pipefail
cd "$(dirname "$0")/.."
# Let ccache share compiled objects between clones at different paths (CI builds a fresh clone):
# paths under the clone are hashed relative to it, and the working directory is not hashed. The
# cost: debug information of an object from the cache may name another clone's directory.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
scripts/install-deps.sh
scripts/check-format.sh
/usr/bin/python3 tools/check_data.py
cmake --preset ci
cmake --build --preset ci
# clang-tidy over the library, the CLI and the Python bindings (.clang-tidy: warnings are errors); units found clean
# before with the same includes, command and configuration are not checked again.
/usr/bin/python3 tools/clang_tidy_cached.py build/ci '^(src|apps|python)/' -j "$(nproc)" \
  > build/ci/clang-tidy.log 2>&1 ||
  { grep -E "warning:|error:" build/ci/clang-tidy.log | head -40; echo "clang-tidy failed"; exit 1; }
tail -1 build/ci/clang-tidy.log
ctest --preset ci
# The Python module against the same build (python/tests; Debian's python3, another may come
# first on PATH): the CLI's bytes, errors, cancel, the example notebook executed and rendered.
PYTHONPATH="$PWD/build/ci/python" NARCOSIM_CLI="$PWD/build/ci/narcosim" \
  NARCOSIM_NOTEBOOK_HTML="$PWD/build/ci/examples" \
  /usr/bin/python3 -m pytest python/tests -q -p no:cacheprovider
cmake --preset sanitize
cmake --build --preset sanitize
ctest --preset sanitize
