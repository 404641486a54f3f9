#!/usr/bin/env bash
# Cross-builds ticker for a Raspberry Pi, runs the tests of the target build
# under qemu-user (ctest goes through CMAKE_CROSSCOMPILING_EMULATOR), and
# builds the target's .deb into build-ARCH/packages/.
#
#   toolchain/cross/cross-test.sh [arm64|armhf]      (after toolchain/cross/install-cross.sh ARCH)
#
# By default ctest runs the unit tests (tests/*/test_*.c) and the package test;
# TICKER_CROSS_ALL_TESTS=1 runs every script test too (slower: whole frames
# rendered under emulation).  A test that cannot run emulated (one that times
# a window under Xvfb, say) gets the ctest label no-emulator: a script test
# says "# ctest-labels: no-emulator" near its top.
set -euo pipefail
cd "$(dirname "$0")/../.."
arch=${1:-arm64}
case "$arch" in
  arm64) toolchain=toolchain/cross/aarch64-linux-gnu.cmake ;;
  armhf) toolchain=toolchain/cross/arm-linux-gnueabihf.cmake ;;
  *) echo "cross-test.sh: unknown architecture '$arch' (arm64 or armhf)" >&2; exit 2 ;;
esac
build=build-$arch
jobs=$(nproc)

step() { echo "cross-test ($arch): $1 took $(( SECONDS - step_start )) s"; step_start=$SECONDS; }
step_start=$SECONDS

cmake -S . -B "$build" -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_INSTALL_PREFIX=/usr
cmake --build "$build" -j"$jobs"
step "configure and build"

selection=(-R '^([a-z]+/test_[a-z0-9_]+|system/test_package\.sh)$')
[ "${TICKER_CROSS_ALL_TESTS:-0}" = 1 ] && selection=()
ctest --test-dir "$build" --output-on-failure -j"$jobs" -LE no-emulator "${selection[@]}"
step "ctest under $(sed -n 's/^TICKER_CROSS_EMULATOR:FILEPATH=//p' "$build/CMakeCache.txt")"

rm -rf "$build/packages"
(cd "$build" && cpack -G DEB -B packages >/dev/null)
deb=$(ls "$build"/packages/ticker_*_"$arch".deb)
dpkg-deb -f "$deb" Package Version Architecture Depends
echo "cross-test ($arch): package $deb"
step "package"
