#!/usr/bin/env bash
# Builds core for WebAssembly (clang-19, wasm32-wasi, libc++) into OUT_DIR/kitsunet_core.wasm
# (default build/wasm). Incremental: a Ninja build of core in OUT_DIR/cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT_DIR=$(realpath -m "${1:-build/wasm}")
BUILD="$OUT_DIR/cmake"
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
    -DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/wasm32-wasi.cmake" -DKITSUNET_CORE_ONLY=ON -DKITSUNET_WASM=ON >/dev/null
fi
cmake --build "$BUILD" --target kitsunet_core_wasm -j "${JOBS:-2}" | { grep -v '^ninja: no work' || true; }
cp -p "$BUILD/bin/kitsunet_core.wasm" "$OUT_DIR/kitsunet_core.wasm"
echo "build-wasm: $OUT_DIR/kitsunet_core.wasm ($(stat -c %s "$OUT_DIR/kitsunet_core.wasm") bytes)"
