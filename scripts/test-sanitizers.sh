#!/usr/bin/env bash
# Builds everything with clang-19 under ASan+UBSan (fuzz targets included), runs the whole test
# suite, then replays every fuzz corpus through its target.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${SAN_BUILD_DIR:-build-san}
JOBS=${JOBS:-$(nproc)}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
  -DKITSUNET_SANITIZE=address,undefined -DKITSUNET_FUZZ=ON -DKITSUNET_BENCH=OFF >/dev/null
cmake --build "$BUILD_DIR" -j "$JOBS"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Each SIGKILL of the store crash test costs seconds here; the Release run makes all 100.
export KITSUNET_CRASH_KILLS=${KITSUNET_CRASH_KILLS:-20}
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS"
fuzz/replay.sh "$BUILD_DIR/bin"
