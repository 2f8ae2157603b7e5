#!/bin/bash
# clang-tidy with the checks of .clang-tidy over every C++ source of lib/ and
# tools/ (their headers through HeaderFilterRegex), with the build's
# compile_commands.json. Any finding fails.
#   tidy.sh ROOT BUILD_DIR   (exit 77, skipped, without clang-tidy)
set -u
root=$1 build=$2
command -v clang-tidy >/dev/null || { echo "clang-tidy is not installed"; exit 77; }
[ -f "$build/compile_commands.json" ] || { echo "no $build/compile_commands.json"; exit 1; }
cd "$root" || exit 1
mapfile -t files < <(git ls-files 'lib/*.cpp' 'tools/*.cpp')
out=$(mktemp)
trap 'rm -f "$out"' EXIT
printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet >"$out" 2>/dev/null
status=$?
grep -E '(warning|error): ' "$out" | sort -u
echo "clang-tidy $(clang-tidy --version | grep -o '[0-9][0-9.]*' | head -n 1): ${#files[@]} files, $(grep -cE '(warning|error): ' "$out") findings"
[ "$status" -eq 0 ]
