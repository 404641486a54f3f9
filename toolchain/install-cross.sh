#!/usr/bin/env bash
# Installs what cross-building ticker for a Raspberry Pi needs on Debian 12:
# Debian's cross compiler, qemu-user-static to run the unit tests, and the
# foreign-architecture (multiarch) -dev packages of every library we link.
#
#   toolchain/install-cross.sh [ARCH...]     ARCH: arm64 (default), armhf
#
# Idempotent: installs only what is missing. Run as root or with sudo.
# The multiarch -dev packages are "Multi-Arch: same", so they co-install with
# the amd64 ones as long as both are the same version (one apt-get update).
set -euo pipefail

arches=("$@")
[ ${#arches[@]} -gt 0 ] || arches=(arm64)

# The target's -dev packages are those of toolchain/install-deps.sh, read from
# it so that the two never drift apart.
# (libclang-rt is the host's libFuzzer runtime, not a library the program links.
# libvips-dev is not Multi-Arch: its arm64 package removes the amd64 one, so a
# cross build decodes pictures with SDL2_image instead; firmware/live/picture_decode.h.)
mapfile -t libraries < <(grep -oE '\blib[a-z0-9.+-]+-dev\b' "$(dirname "$0")/install-deps.sh" | grep -v -e '^libclang' -e '^libvips' | sort -u)
[ ${#libraries[@]} -gt 0 ] || { echo "install-cross.sh: no lib*-dev in install-deps.sh" >&2; exit 1; }

packages=(qemu-user-static dpkg-dev file cmake pkg-config make)
for arch in "${arches[@]}"; do
  case "$arch" in
    arm64) triplet=aarch64-linux-gnu ;;
    armhf) triplet=arm-linux-gnueabihf ;;
    *) echo "install-cross.sh: unknown architecture '$arch' (arm64 or armhf)" >&2; exit 2 ;;
  esac
  packages+=("gcc-$triplet" "libc6-dev-$arch-cross" "binutils-$triplet")
  for lib in "${libraries[@]}"; do
    packages+=("$lib:$arch")
  done
done

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

added=0
for arch in "${arches[@]}"; do
  if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    $SUDO dpkg --add-architecture "$arch"
    added=1
  fi
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ] && [ $added -eq 0 ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# A mirror in mid-sync serves index files of the wrong size for a while:
# retry, then go on with the lists that did download (apt keeps the old
# ones); the install below fails if what it needs is really missing.
for attempt in 1 2 3; do
  $SUDO apt-get -o Acquire::Retries=3 update && break
  if [ "$attempt" -eq 3 ]; then
    echo "install-cross.sh: apt-get update failed 3 times; trying the install anyway" >&2
  else
    echo "install-cross.sh: apt-get update failed (attempt $attempt), retrying in 30 s" >&2
    sleep 30
  fi
done
$SUDO apt-get -o Acquire::Retries=3 install -y --no-install-recommends "${missing[@]}"
