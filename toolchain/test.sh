#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs the unit and
# end-to-end tests, then the same suite again under ASan + UBSan, the fuzz
# targets and the extra steps. Every step runs even when an earlier one
# failed (a step that needs an earlier one's build fails on its own); the
# summary at the end names the failed steps, and the exit status is non-zero
# if there was any.
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
failed=()
# step NAME COMMAND...: runs it, records a failure, goes on.
step() {
  local name=$1 start=$SECONDS
  shift
  echo "test.sh: == $name"
  if "$@"; then
    echo "test.sh: == $name: ok ($(( SECONDS - start )) s)"
  else
    echo "test.sh: == $name: FAILED (exit $?, $(( SECONDS - start )) s)"
    failed+=("$name")
  fi
}

step "packages" toolchain/install-deps.sh --test

step "configure" cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTICKER_TESTS=ON
step "build" cmake --build build -j"$jobs"
step "tests" ctest --test-dir build --output-on-failure -j"$jobs"

step "configure asan" cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DTICKER_SANITIZE=ON -DTICKER_TESTS=ON
step "build asan" cmake --build build-asan -j"$jobs"
step "tests asan" env ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS=suppressions="$PWD/tests/common/lsan.supp" \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE no-sanitize

# Every parser's libFuzzer target, a minute in all (toolchain/check/fuzz.sh SECONDS
# runs each for longer): one JSON line per target, a crash fails the run.
step "fuzz" toolchain/check/fuzz.sh --total 60

if [ -x toolchain/check/test-extra.sh ]; then
  step "extra (cross, SDL2_image, VM, package)" toolchain/check/test-extra.sh
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "test.sh: FAILED: ${failed[*]}"
  exit 1
fi
echo "test.sh: every step passed"
