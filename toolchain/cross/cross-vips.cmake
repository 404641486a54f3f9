# A cross build for a Debian multiarch target (the Pi: arm64, armhf) where
# pkg-config finds no vips for the target: libvips-dev is not Multi-Arch, so
# its ARCH package cannot be installed beside the build machine's.  The
# decoder needs only its headers (live/pictures/picture_decode loads libvips.so.42 with
# dlopen), and those are the same on every architecture: /usr/include/vips
# holds no arch-specific header (version.h is the version, the ABI number and
# the build's option list, the same for Debian's every architecture; the
# others declare types and functions), while glib's one arch-specific header,
# glibconfig.h, comes from the target's libglib2.0-dev:ARCH, which is
# Multi-Arch.  So: the host's vips headers with the target's glib.  Sets
# VIPS_FOUND, VIPS_INCLUDE_DIRS, VIPS_CFLAGS_OTHER and PkgConfig::VIPS (for
# test_pictures, which makes its 50-megapixel photo with libvips itself),
# as pkg_check_modules(VIPS ...) would.
set(TICKER_HOST_VIPS_HEADERS /usr/include/vips CACHE PATH
  "the build machine's libvips headers, used for a target without vips.pc")
if(NOT EXISTS ${TICKER_HOST_VIPS_HEADERS}/vips.h)
  return()
endif()
pkg_check_modules(VIPS_GLIB IMPORTED_TARGET glib-2.0 gobject-2.0 gio-2.0 gmodule-2.0)
if(NOT VIPS_GLIB_FOUND)
  return()
endif()
# Only vips/ from the host's include tree: a folder holding a link to it,
# so that no other host header can be picked up by the target's compile.
set(vips_include ${CMAKE_BINARY_DIR}/host-vips-headers)
file(MAKE_DIRECTORY ${vips_include})
file(CREATE_LINK ${TICKER_HOST_VIPS_HEADERS} ${vips_include}/vips SYMBOLIC)
file(STRINGS ${TICKER_HOST_VIPS_HEADERS}/version.h vips_version_lines
  REGEX "#define VIPS_(VERSION|LIBRARY_CURRENT|LIBRARY_AGE)[ \t]")
string(REGEX MATCH "VIPS_VERSION[ \t]+\"([^\"]+)\"" _ "${vips_version_lines}")
set(VIPS_VERSION ${CMAKE_MATCH_1})
string(REGEX MATCH "VIPS_LIBRARY_CURRENT[ \t]+\\(([0-9]+)\\)" _ "${vips_version_lines}")
set(vips_current ${CMAKE_MATCH_1})
string(REGEX MATCH "VIPS_LIBRARY_AGE[ \t]+\\(([0-9]+)\\)" _ "${vips_version_lines}")
math(EXPR vips_soversion "${vips_current} - ${CMAKE_MATCH_1}")
set(VIPS_FOUND TRUE)
set(VIPS_INCLUDE_DIRS ${vips_include} ${VIPS_GLIB_INCLUDE_DIRS})
set(VIPS_CFLAGS_OTHER ${VIPS_GLIB_CFLAGS_OTHER})
message(STATUS "vips ${VIPS_VERSION}: the build machine's headers with the target's glib; "
  "libvips.so.${vips_soversion} is loaded at run time (toolchain/cross/cross-vips.cmake)")

# The tests run under qemu and need the target's library itself:
# toolchain/cross/install-cross.sh unpacks it into TICKER_CROSS_ROOT (see there why
# not with apt), where the emulator's LD_LIBRARY_PATH points
# (toolchain/cross/cross-debian.cmake).
if(TICKER_TESTS)
  find_library(TICKER_TARGET_LIBVIPS NAMES libvips.so.${vips_soversion}
    HINTS ${TICKER_CROSS_VIPS_LIBDIR} NO_DEFAULT_PATH)
  find_library(TICKER_TARGET_LIBVIPS NAMES libvips.so.${vips_soversion})
  if(NOT TICKER_TARGET_LIBVIPS)
    message(FATAL_ERROR "libvips.so.${vips_soversion} for ${CMAKE_SYSTEM_PROCESSOR} not found (looked in "
      "'${TICKER_CROSS_VIPS_LIBDIR}' and the target's library folders): the tests load it; "
      "run toolchain/cross/install-cross.sh first, or configure with -DTICKER_TESTS=OFF")
  endif()
  add_library(PkgConfig::VIPS INTERFACE IMPORTED)
  target_include_directories(PkgConfig::VIPS INTERFACE ${VIPS_INCLUDE_DIRS})
  target_compile_options(PkgConfig::VIPS INTERFACE ${VIPS_CFLAGS_OTHER})
  target_link_libraries(PkgConfig::VIPS INTERFACE ${TICKER_TARGET_LIBVIPS} PkgConfig::VIPS_GLIB)
endif()
