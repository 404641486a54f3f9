# packaging: what `cmake --install` puts where, and the Debian package that
# CPack builds from it (`cpack -G DEB` in a build directory): the program,
# its fonts and assets, the commented config as a conffile, the man page and
# docs, the systemd unit, and the maintainer scripts that create the service
# user.  Never: changes how the program is built.
#
# The program finds its data under TICKER_DATA_DIR = PREFIX/share/ticker, so
# the package is only right when the build's CMAKE_INSTALL_PREFIX is /usr (the
# default of this project): the package is always laid out under /usr.
include(GNUInstallDirs)

set(TICKER_PACKAGE_PREFIX /usr)
if(NOT CMAKE_INSTALL_PREFIX STREQUAL TICKER_PACKAGE_PREFIX)
  message(WARNING "packaging: CMAKE_INSTALL_PREFIX is ${CMAKE_INSTALL_PREFIX}, so the program looks for "
    "its data in ${CMAKE_INSTALL_PREFIX}/share/ticker; the .deb installs it in /usr/share/ticker. "
    "Configure with -DCMAKE_INSTALL_PREFIX=/usr to build a working package.")
endif()

set(TICKER_PACKAGE_MAINTAINER "ticker kiosk team <ticker@localhost>" CACHE STRING
  "Maintainer field of the .deb (name <address>)")

install(TARGETS ticker RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Fonts that Debian packages byte for byte are links to the packaged files,
# with the package a dependency (Debian policy: no duplicated fonts; they get
# Debian's updates).  NAME|PACKAGE|PATH, PATH relative to /usr/share.
set(TICKER_SYSTEM_FONTS
  "NotoSans-Regular.ttf|fonts-noto-core|fonts/truetype/noto/NotoSans-Regular.ttf"
  "NotoSans-Bold.ttf|fonts-noto-core|fonts/truetype/noto/NotoSans-Bold.ttf"
  "NotoSansSymbols2-Regular.ttf|fonts-noto-core|fonts/truetype/noto/NotoSansSymbols2-Regular.ttf"
  "DejaVuSans.ttf|fonts-dejavu-core|fonts/truetype/dejavu/DejaVuSans.ttf")
set(TICKER_FONT_EXCLUDES "")
set(TICKER_FONT_PACKAGES "")
foreach(entry ${TICKER_SYSTEM_FONTS})
  string(REPLACE "|" ";" fields "${entry}")
  list(GET fields 0 font_name)
  list(GET fields 1 font_package)
  list(GET fields 2 font_path)
  list(APPEND TICKER_FONT_EXCLUDES PATTERN ${font_name} EXCLUDE)
  list(APPEND TICKER_FONT_PACKAGES ${font_package})
  # Relative, from share/ticker/fonts up to share/.
  install(CODE "
    set(font_dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/ticker/fonts\")
    file(MAKE_DIRECTORY \"\${font_dir}\")
    file(CREATE_LINK ../../${font_path} \"\${font_dir}/${font_name}\" SYMBOLIC)")
endforeach()
list(REMOVE_DUPLICATES TICKER_FONT_PACKAGES)
list(JOIN TICKER_FONT_PACKAGES ", " TICKER_FONT_DEPENDS)

# The rest of the fonts and assets: whole directories, read at install time,
# so whatever is in the tree then ships (OPTIONAL: a tree may lack fonts/).
install(DIRECTORY ${CMAKE_SOURCE_DIR}/fonts/
  DESTINATION ${CMAKE_INSTALL_DATADIR}/ticker/fonts
  OPTIONAL ${TICKER_FONT_EXCLUDES})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/assets/
  DESTINATION ${CMAKE_INSTALL_DATADIR}/ticker/assets
  OPTIONAL PATTERN "ticker.ini" EXCLUDE)

# Absolute destinations: these belong where Debian 12 looks for them, whatever
# the prefix.  (/lib/systemd/system: bookworm's path for packaged units.)
install(FILES ${CMAKE_SOURCE_DIR}/assets/ticker.ini DESTINATION /etc/ticker)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/ticker.service DESTINATION /lib/systemd/system)

# The man page, compressed as Debian policy wants (gzip -n: no timestamp).
set(TICKER_MAN_PAGE ${CMAKE_BINARY_DIR}/ticker.1.gz)
add_custom_command(OUTPUT ${TICKER_MAN_PAGE}
  COMMAND gzip -9n < ${CMAKE_CURRENT_LIST_DIR}/ticker.1 > ${TICKER_MAN_PAGE}
  DEPENDS ${CMAKE_CURRENT_LIST_DIR}/ticker.1
  COMMENT "Compressing the man page"
  VERBATIM)
add_custom_target(ticker_man_page ALL DEPENDS ${TICKER_MAN_PAGE})
install(FILES ${TICKER_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# ticker.ini(5) and bash completion: made from the tables by `ticker
# generate` and kept in the tree (tests/cli/test_generated.sh fails when
# they are out of date), so a cross build needs no program run at build time.
set(TICKER_MAN5_PAGE ${CMAKE_BINARY_DIR}/ticker.ini.5.gz)
add_custom_command(OUTPUT ${TICKER_MAN5_PAGE}
  COMMAND gzip -9n < ${CMAKE_CURRENT_LIST_DIR}/ticker.ini.5 > ${TICKER_MAN5_PAGE}
  DEPENDS ${CMAKE_CURRENT_LIST_DIR}/ticker.ini.5
  COMMENT "Compressing ticker.ini(5)"
  VERBATIM)
add_custom_target(ticker_man5_page ALL DEPENDS ${TICKER_MAN5_PAGE})
install(FILES ${TICKER_MAN5_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/ticker.bash-completion DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
  RENAME ticker)
# Debian policy wants a changelog beside the copyright: one entry, this version.
string(TIMESTAMP TICKER_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(${CMAKE_CURRENT_LIST_DIR}/changelog.in ${CMAKE_BINARY_DIR}/changelog @ONLY)
set(TICKER_CHANGELOG ${CMAKE_BINARY_DIR}/changelog.gz)
add_custom_command(OUTPUT ${TICKER_CHANGELOG}
  COMMAND gzip -9n < ${CMAKE_BINARY_DIR}/changelog > ${TICKER_CHANGELOG}
  DEPENDS ${CMAKE_BINARY_DIR}/changelog
  VERBATIM)
add_custom_target(ticker_changelog ALL DEPENDS ${TICKER_CHANGELOG})
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_CURRENT_LIST_DIR}/copyright ${TICKER_CHANGELOG}
  DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The guides beside the README (their pictures stay in the repository).
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs
  FILES_MATCHING PATTERN "*.md" PATTERN images EXCLUDE)

# --- The Debian package ------------------------------------------------------
# Debian's name for the target architecture: the cross toolchain files set
# CMAKE_SYSTEM_PROCESSOR; a native build asks dpkg.
if(CMAKE_CROSSCOMPILING)
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
    set(TICKER_DEB_ARCH arm64)
  elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^arm")
    set(TICKER_DEB_ARCH armhf)
  elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|amd64)$")
    set(TICKER_DEB_ARCH amd64)
  else()
    message(WARNING "packaging: no Debian architecture known for ${CMAKE_SYSTEM_PROCESSOR}")
  endif()
else()
  execute_process(COMMAND dpkg --print-architecture
    OUTPUT_VARIABLE TICKER_DEB_ARCH OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ticker)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX ${TICKER_PACKAGE_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "exhibition news-ticker kiosk for a screen behind a Raspberry Pi")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "ticker fetches Vietnamese news feeds (RSS, Atom, article pages, files),
caches the headlines and shows them full screen: a featured-headline panel
above a continuously scrolling crawl. On a console with no desktop it drives
the display itself through KMS/DRM, started at boot by ticker.service; on a
desktop it runs in a preview window.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${TICKER_DEB_ARCH})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${TICKER_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

# Depends, by their Debian 12 (and Raspberry Pi OS Bookworm) names: the
# libraries the program links, what SDL loads at run time for KMSDRM (EGL,
# GLES 2 and Mesa's DRI drivers, which dpkg-shlibdeps cannot see), the font
# packages (above), and what
# the maintainer scripts call (deb-systemd-helper is in an essential
# package).  Written out rather than computed by
# CPACK_DEBIAN_PACKAGE_SHLIBDEPS so that every architecture's package says the
# same; tests/system/test_package.sh checks with dpkg-shlibdeps that no linked
# library is missing from it.
# The picture decoder: libvips where the build found it, else SDL2_image
# (firmware/live/pictures/picture_decode.h).
if(VIPS_FOUND)
  set(TICKER_PICTURE_DEPENDS "libvips42, libglib2.0-0")
else()
  set(TICKER_PICTURE_DEPENDS "libsdl2-image-2.0-0")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6, libsdl2-2.0-0, libsdl2-ttf-2.0-0, libcurl4, libxml2, \
libutf8proc2, libsqlite3-0, libinih1, libjson-c5, libpng16-16, libsystemd0, libdrm2, libqrencode4, \
libuchardet0, libyaml-0-2, libmicrohttpd12, libsodium23, tzdata, ${TICKER_PICTURE_DEPENDS}, \
libegl1, libgles2, libgl1-mesa-dri, ${TICKER_FONT_DEPENDS}, adduser")
# libcec is loaded at run time, in the `ticker cec` child only, for HDMI-CEC
# standby (screen/display/cecpower): a TV that listens to CEC is switched off by the
# schedule; without libcec or an adapter the kiosk uses DPMS or blanking.
# prometheus-node-exporter reads the [health] textfile from its textfile
# folder (/var/lib/prometheus/node-exporter, which postinst makes writable).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libcec6, prometheus-node-exporter")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${CMAKE_CURRENT_LIST_DIR}/conffiles
  ${CMAKE_CURRENT_LIST_DIR}/postinst
  ${CMAKE_CURRENT_LIST_DIR}/prerm
  ${CMAKE_CURRENT_LIST_DIR}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
