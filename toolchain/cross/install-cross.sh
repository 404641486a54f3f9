#!/usr/bin/env bash
# Installs what cross-building ticker for a Raspberry Pi needs on Debian 12:
# Debian's cross compiler, qemu-user-static to run the unit tests, and the
# foreign-architecture (multiarch) -dev packages of every library we link.
#
#   toolchain/cross/install-cross.sh [ARCH...]     ARCH: arm64 (default), armhf
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
# libvips-dev is not Multi-Arch: its arm64 package would remove the amd64 one.
# The cross build compiles against the host's vips headers instead, which are
# the same on every architecture, and needs the target's libvips42 only to run
# its tests: see below.)
mapfile -t libraries < <(grep -oE '\blib[a-z0-9.+-]+-dev\b' "$(dirname "$0")/../install-deps.sh" | grep -v -e '^libclang' -e '^libvips' | sort -u)
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

# libvips42 for the target, to run the tests under qemu-user: the program
# compiles against the host's vips headers (libvips-dev, above all the same
# on every architecture) and loads libvips.so.42 at run time; on the Pi the
# package's Depends brings it.  libvips42 is Multi-Arch: same, but one of its
# Depends, libopenslide0, is not: installing libvips42:ARCH with apt removes
# the host's libvips42 and libvips-dev (measured on Debian 12).  libopenslide0
# is needed only by libvips's openslide module (vips-modules-8.14), which
# libvips.so.42 does not link and ticker never loads; so the package is
# unpacked (dpkg-deb -x) into TICKER_CROSS_ROOT/ARCH, where the cross build's
# emulator finds it (toolchain/cross/cross-debian.cmake), and its other Depends,
# Multi-Arch: same, are installed with apt.  The version is the host's
# libvips-dev's, the one the headers describe.
cross_root=/opt/ticker-cross
vips_version=$(dpkg-query -W -f='${Version}' libvips-dev 2>/dev/null || true)
vips_wanted() { # ARCH: true when its libvips42 is not unpacked at the headers' version
  [ -n "$vips_version" ] && [ "$(cat "$cross_root/$1/libvips42.version" 2>/dev/null)" != "$vips_version" ]
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
vips_arches=()
for arch in "${arches[@]}"; do
  vips_wanted "$arch" && vips_arches+=("$arch")
done
if [ ${#missing[@]} -eq 0 ] && [ $added -eq 0 ] && [ ${#vips_arches[@]} -eq 0 ]; then
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
for arch in "${vips_arches[@]}"; do
  # Depends: "libc6 (>= 2.35), libcairo2 (>= 1.2.4), ..." -> libc6:ARCH ...
  mapfile -t vips_depends < <(apt-cache show "libvips42:$arch=$vips_version" | sed -n 's/^Depends: //p' | head -1 |
    tr ',' '\n' | sed -e 's/|.*//' -e 's/(.*)//' -e 's/ //g' | grep -v -e '^$' -e '^libopenslide0$' | sed "s/\$/:$arch/")
  [ ${#vips_depends[@]} -gt 0 ] || { echo "install-cross.sh: no libvips42:$arch $vips_version in apt's lists" >&2; exit 1; }
  for p in "${vips_depends[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get -o Acquire::Retries=3 install -y --no-install-recommends "${missing[@]}"
fi
for arch in "${vips_arches[@]}"; do
  download=$(mktemp -d)
  chown _apt "$download" 2>/dev/null || true # apt-get download drops to the _apt user
  (cd "$download" && apt-get -o Acquire::Retries=3 download "libvips42:$arch=$vips_version")
  $SUDO rm -rf "${cross_root:?}/$arch"
  $SUDO mkdir -p "$cross_root/$arch"
  $SUDO dpkg-deb -x "$download"/libvips42_*.deb "$cross_root/$arch"
  # Its loadable modules (HEIF, JPEG XL, ImageMagick, PDF, OpenSlide) need
  # libraries not installed for ARCH, libopenslide0 among them; ticker decodes
  # JPEG, PNG, WebP and GIF, which are in libvips.so.42 itself.
  $SUDO rm -rf "$cross_root/$arch"/usr/lib/*/vips-modules-*
  echo "$vips_version" | $SUDO tee "$cross_root/$arch/libvips42.version" >/dev/null
  rm -rf "$download"
  echo "install-cross.sh: libvips42:$arch $vips_version unpacked in $cross_root/$arch"
done
