#!/usr/bin/env python3
"""Power cuts in the virtual machine, many of them (issue 11): boots the
kiosk's image (toolchain/vm/build-image.sh, the .deb installed by apt), then
N times cuts the machine's power (SIGKILL of QEMU) at a random moment -- during
the boot, while it runs, or just after a feed was served, when the fetch's
write is due -- reboots it and checks the cache file system (e2fsck), the
cache (PRAGMA integrity_check), that every item the kiosk logged as committed
is still there, and that the cached items are on screen at the start.

    bench/powercut_vm.py --cuts 100 [--build build] [--seed S]
    bench/powercut_vm.py --replay N     (dm-log-writes: N commits logged, every
                                         flush point replayed; --cuts 0 for only that)
    bench/powercut_vm.py --arch arm64 --build build-arm64 --cuts N
                                        (the Pi's architecture under TCG; the
                                         .deb of toolchain/cross/cross-test.sh arm64)

Prints a progress line per cut on stderr and one JSON line of figures.
TICKER_VM_ACCEL=kvm|tcg forces the accelerator."""
import argparse
import glob
import json
import os
import subprocess
import sys
import time

source_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(source_dir, "toolchain", "vm"))
import checks  # noqa: E402
import replaycheck  # noqa: E402
import tickervm  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cuts", type=int, default=100)
    ap.add_argument("--build", default=os.path.join(source_dir, "build"))
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--arch", default="amd64")
    ap.add_argument("--replay", type=int, default=0, metavar="N",
                    help="after the cuts, a dm-log-writes round of N commits replayed to every flush point")
    ap.add_argument("--max-points", type=int, default=2000, help="replay at most this many flush points (spread)")
    args = ap.parse_args()
    packages = os.path.join(args.build, "vm-packages")
    subprocess.run(["rm", "-rf", packages], check=True)
    subprocess.run(["cpack", "-G", "DEB", "-B", packages], cwd=args.build, check=True, stdout=subprocess.DEVNULL)
    deb = glob.glob(os.path.join(packages, f"ticker_*_{args.arch}.deb"))[0]
    image = tickervm.build_image(deb, args.arch)
    accel = tickervm.choose_accel(image, args.arch)
    seed = args.seed if args.seed is not None else int(time.time())
    started = time.monotonic()
    m = tickervm.Machine(image, arch=args.arch, accel=accel)
    cuts = checks.PowerCuts(m, seed)
    try:
        boot = checks.check_boot(m)
        for i in range(args.cuts):
            cuts.cut_once()
            bad = cuts.bad[-1][1] if cuts.bad and cuts.bad[-1][0] == cuts.cuts else "ok"
            print(f"powercut_vm: cut {cuts.cuts}/{args.cuts}: {bad} (committed {len(cuts.committed)}, "
                  f"{time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)
        replay = {}
        if args.replay:
            try:
                replay = replaycheck.check_replay(m, args.replay, args.max_points)
            except checks.CheckFailed as e:
                replay = {"replay_failed": str(e)}
    finally:
        m.cleanup()
    result = {"bench": "powercut_vm", "arch": args.arch, "accel": accel, "seed": seed,
              "boot_to_first_frame_s": boot["boot_to_first_frame_s"], "driver": boot["driver"],
              "renderer": boot["renderer"]}
    result.update(cuts.figures())
    result.update(replay)
    result["bad"] = cuts.bad[:10]
    result["seconds"] = round(time.monotonic() - started)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 1 if cuts.bad or "replay_failed" in replay else 0


if __name__ == "__main__":
    sys.exit(main())
