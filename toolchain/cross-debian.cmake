# Shared part of the Debian multiarch toolchain files: the including file sets
# TICKER_CROSS_TRIPLET (GNU triplet), TICKER_CROSS_PROCESSOR and
# TICKER_CROSS_QEMU.  Needs toolchain/install-cross.sh ARCH first.
#
# The sysroot is "/" itself: Debian's cross gcc already searches
# /usr/include/TRIPLET and /usr/lib/TRIPLET, where the ARCH -dev packages
# install, so no copied sysroot is needed.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${TICKER_CROSS_PROCESSOR})
set(CMAKE_LIBRARY_ARCHITECTURE ${TICKER_CROSS_TRIPLET})

set(CMAKE_C_COMPILER ${TICKER_CROSS_TRIPLET}-gcc)
set(CMAKE_AR ${TICKER_CROSS_TRIPLET}-gcc-ar CACHE FILEPATH "")
set(CMAKE_RANLIB ${TICKER_CROSS_TRIPLET}-gcc-ranlib CACHE FILEPATH "")
set(CMAKE_STRIP ${TICKER_CROSS_TRIPLET}-strip CACHE FILEPATH "")

# pkg-config must read only the target's .pc files: the amd64 ones in
# /usr/lib/x86_64-linux-gnu/pkgconfig would give host library paths.
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/${TICKER_CROSS_TRIPLET}/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")

# Programs are looked up on the host; libraries and headers only for the target.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# ctest runs target programs through qemu-user.  Without a -L prefix qemu
# resolves the ELF interpreter (/lib/ld-linux-*.so) on the host, where the
# multiarch libc6:ARCH put it, and the dynamic loader then finds the ARCH
# libraries in /usr/lib/TRIPLET: the host root is the sysroot.
find_program(TICKER_CROSS_EMULATOR NAMES ${TICKER_CROSS_QEMU}-static ${TICKER_CROSS_QEMU})
if(TICKER_CROSS_EMULATOR)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${TICKER_CROSS_EMULATOR})
endif()
