#!/usr/bin/env bash
# Builds the kiosk's virtual machine image: Debian 12 with systemd and the
# kernel, no desktop, made by mmdebstrap, with the project's own .deb
# installed by apt (so its Depends, maintainer scripts and unit are what gets
# tested), turned into raw ext4 disk images without any root mount
# (mkfs.ext4 -d).  The guest's kernel and initrd are copied out of the built
# root.  Cached: built again only when the .deb or the guest files change.
#
#   toolchain/vm/build-image.sh DEB [ARCH]     (ARCH: amd64 (default) or arm64)
#
# Prints the image directory: root.img, vmlinuz, initrd.img, usb.img (the
# feed "USB stick"), cache.img (an empty file system for /var/lib/ticker),
# and the .deb it was built from.  Cache root: $TICKER_VM_CACHE, default
# ~/.cache/ticker-vm.  Needs root (mmdebstrap --mode=root) and network
# access to the Debian archive of the host's apt sources.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
deb=$(realpath "$1")
arch=${2:-amd64}
cache_root=${TICKER_VM_CACHE:-$HOME/.cache/ticker-vm}
[ -f "$deb" ] || { echo "build-image: no package $deb" >&2; exit 2; }

# The key: what the package holds (control files and file contents, not the
# build's timestamps), the guest's files, this script and the architecture.
# (The changelog is left out: its date is the build's configure time.)
key=$( (dpkg-deb --ctrl-tarfile "$deb" | tar -xO; dpkg-deb --fsys-tarfile "$deb" | tar -tv |
        awk '{print $1, $2, $3, $6, $7, $8}';
        dpkg-deb --fsys-tarfile "$deb" | tar -xO --exclude='*/changelog.gz';
        cat "$0" "$here"/guest/*; echo "$arch") | sha256sum | cut -c1-16)
out=$cache_root/$arch-$key
if [ -f "$out/done" ]; then
    echo "$out"
    exit 0
fi
mkdir -p "$cache_root"
# Older images of this architecture: keep the two newest (a run may still be
# booting one), drop the rest.
{ ls -dt "$cache_root/$arch"-* 2>/dev/null || true; } | tail -n +3 | xargs -r rm -rf
work=$(mktemp -d "$cache_root/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root

case "$arch" in
    amd64) kernel=linux-image-amd64 ;;
    arm64) kernel=linux-image-arm64 ;;
    *) echo "build-image: unknown architecture $arch" >&2; exit 2 ;;
esac

# A foreign architecture's root: mmdebstrap runs the guest's maintainer
# scripts through binfmt_misc and qemu-user-static, registered with the F
# flag (the kernel opens the interpreter at registration, so it works inside
# the chroot, which has no qemu of its own).  Mounted and registered here
# when missing (needs root); a clear error when that cannot be done.
binfmt_setup() {
    local q=$1 dir=/proc/sys/fs/binfmt_misc conf=/usr/lib/binfmt.d/qemu-$1.conf
    if [ ! -e "$dir/register" ]; then
        echo "build-image: mounting binfmt_misc on $dir (for the $arch root)" >&2
        mount -t binfmt_misc binfmt_misc "$dir" ||
            { echo "build-image: cannot mount binfmt_misc on $dir: a $arch root needs it (run as root, or mount it)" >&2; exit 1; }
    fi
    if [ ! -e "$dir/qemu-$q" ]; then
        [ -f "$conf" ] || { echo "build-image: no $conf: install qemu-user-static for a $arch root" >&2; exit 1; }
        echo "build-image: registering qemu-$q in binfmt_misc ($conf)" >&2
        if command -v update-binfmts >/dev/null; then
            update-binfmts --enable "qemu-$q" >&2 || true
        fi
        [ -e "$dir/qemu-$q" ] || grep -v '^#' "$conf" >"$dir/register" ||
            { echo "build-image: cannot register qemu-$q in $dir/register" >&2; exit 1; }
    fi
    grep -qx enabled "$dir/qemu-$q" && grep -q '^flags:.*F' "$dir/qemu-$q" ||
        { echo "build-image: binfmt_misc's qemu-$q is disabled or lacks the F flag ($(grep '^flags' "$dir/qemu-$q")); a $arch chroot cannot run its programs. Remove it (echo -1 >$dir/qemu-$q) and run again" >&2; exit 1; }
}
if [ "$arch" != "$(dpkg --print-architecture)" ]; then
    case "$arch" in
        arm64) binfmt_setup aarch64 ;;
    esac
fi

# The mirror the host's apt uses (deb822 or one-line sources).
mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p; s/^deb \(\[[^]]*\] \)\?\(http[^ ]*\) bookworm .*/\2/p' \
    /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null |
    grep -v security | head -1 || true)
mirror=${mirror:-http://deb.debian.org/debian}

# Test fixtures only (not part of the product): busybox for the feed server on
# the guest's loopback, sqlite3 and e2fsprogs for the checks after a power cut,
# dmsetup for the dm-log-writes target.
echo "build-image: mmdebstrap bookworm $arch from $mirror" >&2
start=$SECONDS
mmdebstrap --mode=root --variant=apt --arch="$arch" \
    --include="systemd,systemd-sysv,udev,dbus,kmod,$kernel,initramfs-tools,busybox,sqlite3,e2fsprogs,procps,dmsetup" \
    --customize-hook="copy-in '$deb' /tmp" \
    --customize-hook='chroot "$1" env DEBIAN_FRONTEND=noninteractive apt-get install -y /tmp/'"$(basename "$deb")" \
    --customize-hook="copy-in '$here/guest' /tmp" \
    --customize-hook='chroot "$1" sh /tmp/guest/setup.sh' \
    --customize-hook='rm -rf "$1"/tmp/guest "$1"/tmp/*.deb "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*_Packages' \
    bookworm "$root" "deb $mirror bookworm main" >"$work/mmdebstrap.log" 2>&1 ||
    { tail -40 "$work/mmdebstrap.log" >&2; echo "build-image: mmdebstrap failed" >&2; exit 1; }
echo "build-image: root built in $((SECONDS - start)) s" >&2

cp "$root"/boot/vmlinuz-* "$work/vmlinuz"
cp "$root"/boot/initrd.img-* "$work/initrd.img"
cp "$deb" "$work/"
# The USB stick: the feed files the kiosk reads from /media/usb/news.
mkdir -p "$work/usb/news"
cp "$here/../../tests/fixtures/vnexpress.rss" "$here/../../tests/fixtures/tuoitre.rss" "$work/usb/news/"

size_mb=$(( $(du -sm "$root" | cut -f1) + 256 ))
mkfs.ext4 -q -F -L tickerroot -d "$root" "$work/root.img" "${size_mb}M" >&2
mkfs.ext4 -q -F -L tickerusb -d "$work/usb" "$work/usb.img" 16M >&2
mkfs.ext4 -q -F -L tickercache "$work/cache.img" 64M >&2
rm -rf "$root" "$work/usb" "$work/mmdebstrap.log"
touch "$work/done"
rm -rf "$out"
mv "$work" "$out"
trap - EXIT
echo "build-image: $out ($(du -sh "$out" | cut -f1))" >&2
echo "$out"
