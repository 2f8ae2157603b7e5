#!/bin/bash
# README command 2: install, build, and run every test: unit tests, one test per
# sample (with fix goldens), the nginx -t differential test, the Debian default
# tree, the CLI contract, the hostile corpus, and bounded ASan+UBSan fuzzing runs
# (all grammars at once, then each grammar on its own), with the hostile corpus
# again on the ASan+UBSan build, and -j's determinism on a ThreadSanitizer build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps.sh --test
jobs=$(nproc)
# install-deps.sh installed every renderer: the render differentials must run, not skip.
export STAPLINT_REQUIRE_RENDERERS=1

# 1. Fuzz the grammars, include handling, the models and the rules for a bounded time.
CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSTAPLINT_FUZZ=ON -DSTAPLINT_SANITIZE=ON -DSTAPLINT_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz --target staplint-nginx-fuzzer -j "$jobs"
rm -rf build-fuzz/corpus build-fuzz/artifacts && mkdir -p build-fuzz/artifacts
test/fuzz/make_corpus.sh samples build-fuzz/corpus
(cd build-fuzz/artifacts && ../test/fuzz/staplint-nginx-fuzzer -max_total_time="${STAPLINT_FUZZ_SECONDS:-120}" \
   -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 ../corpus 2>&1 | tail -n 12)

# Then each grammar on its own (STAPLINT_FUZZ_DIALECT), with its dictionary,
# seeded from its samples and the kept regression inputs (test/fuzz/corpus/).
for d in nginx apache xml shell batch systemd properties yaml template recording hcl cloudformation; do
  rm -rf "build-fuzz/corpus-$d" && test/fuzz/make_corpus.sh samples "build-fuzz/corpus-$d" "$d"
  (cd build-fuzz/artifacts && STAPLINT_FUZZ_DIALECT=$d ../test/fuzz/staplint-nginx-fuzzer \
     -max_total_time="${STAPLINT_FUZZ_GRAMMAR_SECONDS:-60}" -dict="../../test/fuzz/dict/$d.dict" \
     -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 "../corpus-$d" 2>&1 \
     | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|artifact)' | sed "s/^/$d: /")
done

# 2. The hostile corpus on the same ASan+UBSan build: every case of
# test/hostile must hold with the sanitizers watching (time budgets x5).
cmake --build build-fuzz --target staplint -j "$jobs"
python3 test/hostile/hostile.py build-fuzz/tools/staplint --slow 5 | tail -n 40

# 2b. Threads (-j): every sample and two generated trees at -j 1, 2 and 7 on a
# ThreadSanitizer build; a race report (or any difference) fails it. Then every
# sample's test, whose rules run on two threads whatever the sample's size.
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTAPLINT_BUILD_TESTS=ON \
  -DCMAKE_CXX_FLAGS=-fsanitize=thread -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread >/dev/null
cmake --build build-tsan --target staplint gen_nginx_tree gen_apache_tree staplint-sample-runner -j "$jobs"
TSAN_OPTIONS=halt_on_error=1 test/system/jobs_determinism.sh build-tsan/tools/staplint . \
  build-tsan/bench/gen_nginx_tree build-tsan/bench/gen_apache_tree | tail -n 3
TSAN_OPTIONS=halt_on_error=1 ctest --test-dir build-tsan --output-on-failure -j "$jobs" -R '^sample:' | tail -n 3

# 3. Build and run every other test; ctest's summary is the last thing printed.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTAPLINT_BUILD_TESTS=ON >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"
