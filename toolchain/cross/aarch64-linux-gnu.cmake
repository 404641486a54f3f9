# Cross-build for 64-bit Raspberry Pi OS (Pi 3, 4, 5, Zero 2 W) on Debian 12:
#   toolchain/cross/install-cross.sh arm64
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=toolchain/cross/aarch64-linux-gnu.cmake
set(TICKER_CROSS_TRIPLET aarch64-linux-gnu)
set(TICKER_CROSS_PROCESSOR aarch64)
set(TICKER_CROSS_QEMU qemu-aarch64)
set(TICKER_CROSS_DEBIAN_ARCH arm64)
include(${CMAKE_CURRENT_LIST_DIR}/cross-debian.cmake)
