#!/usr/bin/env bash
# Installs everything careergraph needs to build, test and benchmark on Debian 12.
# Skips packages that are already installed; needs root (or sudo) only when something is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libboost-graph-dev libboost-mpi-dev libboost-serialization-dev openmpi-bin libopenmpi-dev
  libprotobuf-dev protobuf-compiler
  libyaml-cpp-dev libcli11-dev libcpp-httplib-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  wrk python3
  clang libclang-rt-14-dev
  pybind11-dev python3-dev python3-protobuf dpkg-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "careergraph setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "careergraph setup: all packages present" >&2
fi
