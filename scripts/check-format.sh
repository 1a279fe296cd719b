#!/usr/bin/env bash
# Fails when any C++ file differs from clang-format's output (.clang-format at the root).
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG_FORMAT=${CLANG_FORMAT:-clang-format-19}
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
bad=0
for f in "${files[@]}"; do
  if ! "$CLANG_FORMAT" --dry-run --Werror "$f" 2>/dev/null; then echo "not formatted: $f"; bad=1; fi
done
if [ "$bad" = 1 ]; then echo "run: $CLANG_FORMAT -i <file>"; exit 1; fi
echo "format: ${#files[@]} files clean"
