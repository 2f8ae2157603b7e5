#!/bin/bash
# README command 1: install, build, and run staplint on the bundled samples.
# staplint exits 1 here because the samples contain findings on purpose.
set -uo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps.sh || exit 1
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTAPLINT_BUILD_TESTS=OFF >/dev/null || exit 1
cmake --build build --target staplint || exit 1
# Every dialect; the fix goldens (X.fixed.conf: the samples after --fix) are linted too.
build/tools/staplint samples
