#!/usr/bin/env bash
# bench/run trie (until the bench/run dispatcher lands): @ethereumjs/mpt then kitsunet in the same run.
# Usage: bench/trie.sh [BUILD_DIR=build]   env: TRIALS (3), ACCOUNTS (1000000), PAIRS (100000)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
TRIALS=${TRIALS:-3}
ALLOC=${GENESIS_ALLOC:-$PWD/../shared/vectors/mainnet/genesis-alloc.json}
[ -d test/js/node_modules ] || { echo "bench trie: test/js/node_modules missing: (cd test/js && npm install)"; exit 1; }
[ -x "$BUILD/bin/bench_trie" ] || cmake --build "$BUILD" --target bench_trie
echo "@ethereumjs/mpt: $TRIALS trials of ${PAIRS:-100000} random puts + root, and the genesis root ..."
mpt=$(cd test/js && node --import ./polyfill.mjs ../../bench/trie_mpt.mjs "$TRIALS" "${PAIRS:-100000}" "$ALLOC")
echo "@ethereumjs/mpt: $mpt"
field() { echo "$mpt" | sed -E "s/.*\"$1\":([0-9.]+).*/\1/"; }
"$BUILD/bin/bench_trie" --trials "$TRIALS" --accounts "${ACCOUNTS:-1000000}" --pairs "${PAIRS:-100000}" \
  --genesis "$ALLOC" --mpt-random-ms "$(field random_ms)" --mpt-genesis-ms "$(field genesis_ms)"
