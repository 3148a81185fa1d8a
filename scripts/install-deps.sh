#!/usr/bin/env bash
# Installs what the build and tests need from Debian's archive. Idempotent: when everything is
# there it only asks dpkg and returns in well under a second.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  clang-19 llvm-19 lld-19 libclang-rt-19-dev wasi-libc libc++-19-dev-wasm32 libc++abi-19-dev-wasm32 libclang-rt-19-dev-wasm32
  wabt nodejs bubblewrap libseccomp-dev
  libgtest-dev libbenchmark-dev nlohmann-json3-dev libsodium-dev
  libboost-dev libssl-dev libsqlite3-dev libyaml-cpp-dev wrk curl
  libsndfile1-dev libsamplerate0-dev libebur128-dev zlib1g-dev
  emscripten faust
  chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
