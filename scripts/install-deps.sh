#!/usr/bin/env bash
# Installs what kitsunet needs on Debian 12 (DESIGN §3) and the npm packages its tests use.
# Idempotent: installs only what is missing. Needs root (or sudo) for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates nodejs
  clang-19 lld-19 libclang-rt-19-dev clang-format-19
  libc++-19-dev-wasm32 libc++abi-19-dev-wasm32 libclang-rt-19-dev-wasm32 wasi-libc
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsodium-dev libsecp256k1-dev libssl-dev librocksdb-dev
  libcli11-dev libspdlog-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
  libcrypto++-dev protobuf-compiler libprotobuf-dev
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: apt packages missing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v npm >/dev/null; then
  echo "install-deps: npm is missing; install Node.js 20 with npm" >&2
  exit 1
fi
# npm packages for the test peers and reference implementations (test/js/package.json).
if [ ! -f test/js/node_modules/.package-lock.json ] || [ test/js/package.json -nt test/js/node_modules/.package-lock.json ]; then
  echo "install-deps: npm install in test/js" >&2
  (cd test/js && npm install --no-audit --no-fund --loglevel=error)
fi
echo "install-deps: all dependencies present" >&2
