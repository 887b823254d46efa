#!/usr/bin/env bash
# An installed narcosim, used as another project would use it:
#   tests/install/check.sh BUILD_DIR SCRATCH_DIR
# installs BUILD_DIR into SCRATCH_DIR/prefix, builds tests/install/ against that package with
# find_package(narcosim), runs it, then moves the prefix elsewhere and checks that the installed
# program still finds its own data. Exit 0 when everything holds.
set -euo pipefail
build=$1
scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch"
mkdir -p "$scratch"
prefix=$scratch/prefix
cmake --install "$build" --prefix "$prefix" > "$scratch/install.log"
generator=()
command -v ninja > /dev/null && generator=(-G Ninja)
launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$here" -B "$scratch/consumer" "${generator[@]}" "${launcher[@]}" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" > "$scratch/configure.log" ||
  { cat "$scratch/configure.log"; exit 1; }
cmake --build "$scratch/consumer" > "$scratch/build.log" 2>&1 ||
  { tail -30 "$scratch/build.log"; exit 1; }
out=$(cd "$scratch" && "$scratch/consumer/consumer")
echo "$out"
fail() { echo "FAILED: $*"; exit 1; }
grep -qx "data $prefix/share/narcosim/data" <<< "$out" || fail "data directory of the package"
grep -qx "months 3" <<< "$out" || fail "three monthly periods"
seized=$(sed -n 's/^cocaine_seized_kg //p' <<< "$out")
awk -v s="$seized" 'BEGIN { exit !(s > 0) }' || fail "cocaine seized: $seized"
grep -qx "pairs 2" <<< "$out" || fail "two pairs in memory"
grep -qx "largest_difference 0" <<< "$out" || fail "a scenario compared with itself differs"

# Moved with its prefix, the program finds the data beside its bin/ (no environment needed).
mv "$prefix" "$scratch/moved"
version=$(cd / && env -u NARCOSIM_DATA_DIR "$scratch/moved/bin/narcosim" --version)
echo "$version"
grep -qx "data: $scratch/moved/share/narcosim/data" <<< "$version" ||
  fail "the moved program's data directory"
(cd / && env -u NARCOSIM_DATA_DIR "$scratch/moved/bin/narcosim" validate \
  "$scratch/moved/share/narcosim/scenarios/baseline.yaml") > /dev/null ||
  fail "the moved program validates its own baseline"
echo "installed package: ok"

# The Python module (when the build has it), installed into a virtual environment with the
# documented command, imported from elsewhere with no environment: it finds the data installed
# with it and runs a scenario.
if compgen -G "$build/python/narcosim/_narcosim*.so" > /dev/null; then
  /usr/bin/python3 -m venv --system-site-packages "$scratch/venv"
  cmake --install "$build" --component python --prefix "$scratch/venv" > "$scratch/python.log"
  python_out=$(cd / && env -u NARCOSIM_DATA_DIR -u PYTHONPATH "$scratch/venv/bin/python" -c '
import narcosim
s = narcosim.Scenario.shipped("baseline").replace(end="2010-03-31", scale=0.001)
r = narcosim.run(s, threads=1)
print("data", narcosim.data_dir())
print("steps", r.steps)
print("homicides_positive", r.wide("homicides")["ALL"].sum() > 0)
')
  echo "$python_out"
  grep -q "^data $scratch/venv/lib/python3.*/site-packages/narcosim/data$" <<< "$python_out" ||
    fail "the Python package's data directory"
  grep -qx "steps 13" <<< "$python_out" || fail "a run of 13 weeks from the installed module"
  grep -qx "homicides_positive True" <<< "$python_out" || fail "homicides from Python"
  echo "installed Python module: ok"
fi
