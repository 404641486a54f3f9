#!/usr/bin/env bash
# Installs what building and running need (toolchain/install-deps.sh, no test
# tools), builds the program only (not the tests or benchmarks), and opens
# the ticker's preview window on the bundled demo content (or the sources
# given as arguments). Where there is no display it renders offscreen and
# says where it wrote the screenshot.
#
# The build is build/ (the same tree as toolchain/test.sh's): its unit tests
# are configured where cmocka is installed (TICKER_TESTS=ON, test.sh's
# setting) and left out where it is not, so run.sh never needs the test
# packages and never turns off the tests of a tree that has them.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { echo "run.sh: $*" >&2; }

step "1/3 installing what is missing (toolchain/install-deps.sh)"
toolchain/install-deps.sh

tests=ON
pkg-config --exists cmocka 2>/dev/null || tests=OFF
step "2/3 configuring and building the ticker program in build/ (TICKER_TESTS=$tests)"
start=$SECONDS
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTICKER_TESTS="$tests"
cmake --build build -j"$(nproc)" --target ticker
step "built build/ticker in $(( SECONDS - start )) s"

step "3/3 starting build/ticker --window $*"
exec build/ticker --window "$@"
