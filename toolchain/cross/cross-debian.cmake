# Shared part of the Debian multiarch toolchain files: the including file sets
# TICKER_CROSS_TRIPLET (GNU triplet), TICKER_CROSS_PROCESSOR and
# TICKER_CROSS_QEMU, TICKER_CROSS_DEBIAN_ARCH.  Needs toolchain/cross/install-cross.sh ARCH first.
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
# The target's libvips42, unpacked beside the system by install-cross.sh
# (it cannot be installed with apt next to the host's: see there), is found
# by the emulated programs through LD_LIBRARY_PATH, set for them only (-E).
set(TICKER_CROSS_VIPS_LIBDIR /opt/ticker-cross/${TICKER_CROSS_DEBIAN_ARCH}/usr/lib/${TICKER_CROSS_TRIPLET})
if(TICKER_CROSS_EMULATOR)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${TICKER_CROSS_EMULATOR})
  if(EXISTS ${TICKER_CROSS_VIPS_LIBDIR})
    list(APPEND CMAKE_CROSSCOMPILING_EMULATOR -E LD_LIBRARY_PATH=${TICKER_CROSS_VIPS_LIBDIR})
  endif()
endif()
