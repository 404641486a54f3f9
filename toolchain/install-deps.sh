#!/usr/bin/env bash
# Installs the Debian 12 packages that building, running and testing ticker
# need. Idempotent: installs only what is missing. Run as root or with sudo.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git file
  libsdl2-dev libsdl2-ttf-dev libcurl4-openssl-dev libxml2-dev libxml2-utils
  libutf8proc-dev libsqlite3-dev sqlite3 libinih-dev libcmocka-dev libjson-c-dev
  libsystemd-dev systemd fonts-noto-core fonts-dejavu-core libpng-dev libdrm-dev prometheus
  libqrencode-dev zbar-tools libvips-dev libglib2.0-dev libsdl2-image-dev
  libuchardet-dev tzdata libmicrohttpd-dev libsodium-dev
  libcec-dev
  libsodium-dev minisign
  clang libclang-rt-14-dev
  xvfb xauth x11-utils x11-apps xdotool python3 dpkg-dev man-db lintian bash-completion
  libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri
  mmdebstrap qemu-system-x86 qemu-system-arm e2fsprogs arch-test
)
[ "${TICKER_WITH_BROWSER:-0}" = 1 ] && packages+=(chromium)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${missing[@]}"
