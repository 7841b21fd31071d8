#!/usr/bin/env bash
# Set up and run: installs the Debian packages ivcapgen needs, builds
# everything in build/, and compiles the embedded default environment.
set -euo pipefail
cd "$(dirname "$0")"

sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
packages=(cmake ninja-build g++ make pkg-config git
  libyaml-dev libyaml-cpp-dev nlohmann-json3-dev libboost-dev libboost-filesystem-dev catch2
  libcpp-httplib-dev libsqlite3-dev libssl-dev
  python3 python3-yaml python3-jsonschema clang libclang-rt-14-dev bubblewrap)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"

./build/generator/ivcapgen build environments/local
