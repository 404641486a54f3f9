#!/usr/bin/env bash
# The kiosk as delivered, in a virtual machine (issue 11): builds the .deb
# from a build directory, the Debian 12 image with it installed by apt
# (cached; toolchain/vm/build-image.sh), boots it in QEMU and checks the
# boot (KMSDRM + GLES2), the screen, the unit's security, the watchdog,
# power cuts, and an upgrade then a purge.  Ends with one JSON line.
#
#   toolchain/vm/vm-test.sh [--cuts N] [--arch amd64|arm64] [--out DIR]
#
# BUILD (default build/) must be configured with -DCMAKE_INSTALL_PREFIX=/usr.
# TICKER_VM_ACCEL=kvm|tcg forces the accelerator (default: KVM when a guest
# really runs with it, else TCG, which is several times slower).
# TICKER_VM_CI=1: the CI round. With KVM: every check, 3 power cuts. Where
# KVM cannot run a guest: a short round under TCG (boot, screen, one power
# cut), so every landing still boots the delivered package; the line saying
# why is printed first.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BUILD:-build}
arch=amd64
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --arch) arch=$2; args+=("$1" "$2"); shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
[ -x "$build/ticker" ] || { echo "vm-test: no $build/ticker (build first)" >&2; exit 2; }
if [ "$arch" = amd64 ]; then
    pkgbuild=$build
else
    pkgbuild=build-$arch   # toolchain/cross/cross-test.sh ARCH builds it
fi
rm -rf "$pkgbuild/vm-packages"
(cd "$pkgbuild" && cpack -G DEB -B vm-packages >/dev/null)
deb=$(ls "$pkgbuild"/vm-packages/ticker_*_"$arch".deb)
if [ "${TICKER_VM_CI:-0}" = 1 ] && [ -z "${TICKER_VM_ACCEL:-}" ]; then
    probe() { python3 -c "import sys; sys.path.insert(0, 'toolchain/vm'); import tickervm; sys.exit(0 if $1 else 1)"; }
    skip="vm-test: KVM cannot run a guest here"
    tcg_round() {
        echo "$skip ($1): the short round under TCG (boot, screen, one power cut)"
        export TICKER_VM_ACCEL=tcg
        exec python3 toolchain/vm/run.py --deb "$deb" --ticker "$build/ticker" "${args[@]}" \
            --only boot,screen,powercut --cuts 1
    }
    probe "tickervm.kvm_usable()" || tcg_round "no /dev/kvm, or KVM_CREATE_VM fails"
    # Any x86-64 kernel shows whether a guest runs: the host's, before the
    # image is built, else the image's.
    kernel=$(ls /boot/vmlinuz-* 2>/dev/null | head -1 || true)
    if [ -z "$kernel" ]; then
        kernel=$(toolchain/vm/build-image.sh "$deb" "$arch")/vmlinuz
    fi
    module=$(python3 -c "import sys; sys.path.insert(0, 'toolchain/vm'); import tickervm; print(tickervm.kvm_module())")
    probe "tickervm.kvm_runs_guest('$kernel')" || tcg_round "KVM_CREATE_VM works, but a guest kernel does not print its first line within 20 s; host KVM module: $module$([ "$module" = kvm_pvm ] && echo ', software nested virtualisation without VMX/SVM, slower than TCG')"
fi
exec python3 toolchain/vm/run.py --deb "$deb" --ticker "$build/ticker" "${args[@]}"
