#!/usr/bin/env bash
# Replays every corpus fuzz/corpus/<target>/ through build/bin/fuzz_<target> (no mutation).
set -euo pipefail
BIN=$(realpath "${1:?usage: fuzz/replay.sh BIN_DIR}")  # before the cd below
cd "$(dirname "$0")"
shopt -s nullglob
n=0
for dir in corpus/*/; do
  target=$(basename "$dir")
  [ -x "$BIN/fuzz_$target" ] || { echo "replay: no binary for $target"; exit 1; }
  "$BIN/fuzz_$target" -runs=0 "$dir" >/dev/null 2>"/tmp/fuzz_$target.log" || { cat "/tmp/fuzz_$target.log"; exit 1; }
  n=$((n + 1))
done
echo "replay: $n corpora clean"
