#!/usr/bin/env bash
# Extra steps of the test flow, run by toolchain/test.sh after the native and
# sanitizer suites: the Raspberry Pi (arm64) cross build, its unit tests under
# qemu-aarch64, and its .deb.
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$SECONDS
toolchain/cross/install-cross.sh arm64
echo "test-extra: cross toolchain installed in $(( SECONDS - start )) s"
toolchain/cross/cross-test.sh arm64
echo "test-extra: cross flow took $(( SECONDS - start )) s in all"
# The SDL2_image fallback (a build without libvips: no shrink-on-load, no
# EXIF orientation, nothing over 24 megapixels). Every build above finds
# libvips, the cross one included, so the tests that decode pictures are
# built once more with the fallback chosen.
start=$SECONDS
cmake -S . -B build-sdl-image -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTICKER_PICTURE_DECODER=SDL2_image
cmake --build build-sdl-image -j"$(nproc)" --target live_test_pictures screen_test_crawl_thumbnails live_test_picture_transfers
ctest --test-dir build-sdl-image --output-on-failure -R '^(live/test_pictures|screen/test_crawl_thumbnails|live/test_picture_transfers)$'
echo "test-extra: SDL2_image fallback tests took $(( SECONDS - start )) s"
# The kiosk as delivered, in a VM: a short round (3 power cuts) where KVM
# runs a guest; where it cannot, a short round under TCG (boot, screen, one
# cut; see toolchain/vm/vm-test.sh).  Many cuts:
# bench/powercut_vm.py --cuts 100.
start=$SECONDS
TICKER_VM_CI=1 toolchain/vm/vm-test.sh --cuts 3
echo "test-extra: VM test took $(( SECONDS - start )) s"
