#!/usr/bin/env bash
# Installs the Debian packages narcosim needs to build and test. Idempotent: installs only
# what is missing, so a machine that already has everything does not touch the network.
set -euo pipefail
packages=(
  build-essential cmake ninja-build ccache pkg-config
  libyaml-cpp-dev libcli11-dev libfmt-dev nlohmann-json3-dev librandom123-dev libtbb-dev
  libgtest-dev libgmock-dev libbenchmark-dev libsqlite3-dev libsqlitecpp-dev libnlopt-cxx-dev
  libopenmpi-dev openmpi-bin
  python3 time clang-format clang-tidy git
  # The Python module (python/) and its tests and example notebook: Debian's python3 packages.
  pybind11-dev python3-dev python3-numpy python3-pandas python3-matplotlib python3-tqdm
  python3-pytest python3-nbclient python3-nbformat python3-ipykernel python3-nbconvert python3-venv
  # The sanitize preset: clang with the sanitizer runtimes and libFuzzer, llvm-symbolizer for
  # readable reports; setpriv (util-linux) runs a test as an unprivileged user.
  clang libclang-rt-14-dev llvm util-linux
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
