#!/usr/bin/env bash
# Installs the Debian 12 packages that ticker needs. Idempotent: installs only
# what is missing. Run as root or with sudo. Never starts or enables a service.
#
#   toolchain/install-deps.sh          what building and running the ticker needs
#   toolchain/install-deps.sh --test   that and what the test suite needs
#                                      (toolchain/test.sh, .ci/run)
#
# (toolchain/cross/install-cross.sh reads the lib*-dev names below.)
set -euo pipefail

usage() { echo "usage: $0 [--test]" >&2; exit 2; }
with_tests=0
case "${1:-}" in
  "") ;;
  --test) with_tests=1 ;;
  *) usage ;;
esac

# Building: compiler and CMake, the libraries the program links (libcec-dev for
# its C API's types; the library itself is loaded at run time), python3 for
# the generated HTML entity table. Running: the fonts, tzdata, and what SDL
# loads for KMSDRM and GLES 2 (EGL, Mesa's DRI drivers).
packages=(
  build-essential cmake pkg-config python3
  libsdl2-dev libsdl2-ttf-dev libcurl4-openssl-dev libxml2-dev
  libutf8proc-dev libsqlite3-dev libinih-dev libjson-c-dev
  libsystemd-dev libpng-dev libdrm-dev libqrencode-dev libvips-dev libglib2.0-dev
  libuchardet-dev libyaml-dev libmicrohttpd-dev libsodium-dev libcec-dev
  fonts-noto-core fonts-dejavu-core tzdata
  libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri
)
# The test suite, each for what uses it:
#   libcmocka-dev        the unit tests (tests/*/test_*.c)
#   libsdl2-image-dev    the picture decoder's fallback build (toolchain/check/test-extra.sh)
#   clang libclang-rt-14-dev  the libFuzzer targets (toolchain/check/fuzz.sh)
#   zbar-tools           zbarimg reads the QR code (tests/screen/test_qr.sh)
#   minisign             signs fleet files (tests/ops/test_fleet_signature.py)
#   xvfb xauth x11-apps xdotool  the preview window under Xvfb, xvfb-run, xwd
#                        (tests/screen/test_window.sh, test_kiosk_x11.sh, test_gl_log.sh)
#   file                 PNG sizes, a stripped program (tests/screen, tests/system)
#   dpkg-dev lintian     the .deb, dpkg-shlibdeps (tests/system/test_package.sh)
#   man-db bash-completion  the man pages format, the completion completes
#                        (tests/cli/test_generated.sh)
#   systemd              systemd-analyze on the unit (tests/system)
#   libxml2-utils        xmllint, the parse benchmark's yardstick (bench/)
#   golang-github-mmcdole-gofeed-dev  a real corpus of ~500 feeds with what gofeed
#                        reads from each (tests/ingest/test_gofeed_corpus.py, fuzz seeds)
#   mmdebstrap arch-test e2fsprogs qemu-system-x86 qemu-system-arm  the VM test's
#                        image and guest (toolchain/vm)
# (Not the prometheus server: the health textfile is for node_exporter, and
# tests/ops/test_health.sh checks the format itself where promtool is absent.)
if [ "$with_tests" = 1 ]; then
  packages+=(
    libcmocka-dev libsdl2-image-dev clang libclang-rt-14-dev
    zbar-tools minisign xvfb xauth x11-apps xdotool file
    dpkg-dev lintian man-db bash-completion systemd libxml2-utils golang-github-mmcdole-gofeed-dev
    mmdebstrap arch-test e2fsprogs qemu-system-x86 qemu-system-arm
  )
  [ "${TICKER_WITH_BROWSER:-0}" = 1 ] && packages+=(chromium) # bench/browser_compare.py
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${#missing[@]} missing packages: ${missing[*]}"
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${missing[@]}"
