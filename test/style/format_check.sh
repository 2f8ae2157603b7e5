#!/bin/bash
# Every C++ file git tracks is as clang-format (.clang-format) writes it.
#   format_check.sh ROOT   (exit 77, skipped, without clang-format)
set -u
root=$1
command -v clang-format >/dev/null || { echo "clang-format is not installed"; exit 77; }
cd "$root" || exit 1
bad=0
while IFS= read -r f; do
  if ! clang-format --dry-run --Werror "$f" 2>/dev/null; then
    echo "FAIL $f is not formatted; run: clang-format -i $f"
    clang-format "$f" | diff -u "$f" - | head -n 20
    bad=$((bad + 1))
  fi
done < <(git ls-files '*.cpp' '*.hpp')
echo "clang-format $(clang-format --version | grep -o '[0-9][0-9.]*' | head -n 1): $bad unformatted files"
[ "$bad" -eq 0 ]
