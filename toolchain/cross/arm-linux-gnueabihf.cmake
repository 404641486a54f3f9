# Cross-build for 32-bit Raspberry Pi OS (armhf) on Debian 12:
#   toolchain/cross/install-cross.sh armhf
#   cmake -S . -B build-armhf -DCMAKE_TOOLCHAIN_FILE=toolchain/cross/arm-linux-gnueabihf.cmake
# Debian's armhf is ARMv7 with VFPv3-D16 and Thumb-2: it runs on the Pi 2 and
# later, not on ARMv6 (Pi 1, Zero, Zero W), whose Raspberry Pi OS armhf is a
# different, ARMv6 build.
set(TICKER_CROSS_TRIPLET arm-linux-gnueabihf)
set(TICKER_CROSS_PROCESSOR armv7l)
set(TICKER_CROSS_QEMU qemu-arm)
set(TICKER_CROSS_DEBIAN_ARCH armhf)
include(${CMAKE_CURRENT_LIST_DIR}/cross-debian.cmake)
