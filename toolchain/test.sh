#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs the unit and
# end-to-end tests, then the same suite again under ASan + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
toolchain/install-deps.sh --test
jobs=$(nproc)

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTICKER_TESTS=ON
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DTICKER_SANITIZE=ON
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS=suppressions="$PWD/tests/common/lsan.supp" \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE no-sanitize

# Every parser's libFuzzer target, a minute in all (toolchain/check/fuzz.sh SECONDS
# runs each for longer): one JSON line per target, a crash fails the run.
toolchain/check/fuzz.sh --total 60

if [ -x toolchain/check/test-extra.sh ]; then
  toolchain/check/test-extra.sh
fi
