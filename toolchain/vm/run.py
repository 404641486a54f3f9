#!/usr/bin/env python3
"""Runs the VM checks of issue 11 on one machine, in order: boot, screen,
security, cached items at the start, watchdog, power cuts, the replay of
the cache disk's logged writes (dm-log-writes), upgrade and purge; prints
one JSON line with the figures (and "failed": the failed checks with their reasons).  Exit 1
when a check failed.  Called by toolchain/vm/vm-test.sh; see there."""
import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402
import replaycheck  # noqa: E402
import tickervm  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--deb", required=True)
    ap.add_argument("--ticker", required=True, help="host build of the program, for reference screenshots")
    ap.add_argument("--arch", default="amd64")
    ap.add_argument("--cuts", type=int, default=3)
    ap.add_argument("--out", default=None, help="keep screendumps and the console log here")
    ap.add_argument("--replay-cycles", type=int, default=3, help="fetch commits in the dm-log-writes round")
    ap.add_argument("--only", default="boot,screen,security,cached,watchdog,powercut,replay,upgrade")
    args = ap.parse_args()
    wanted = args.only.split(",")
    started = time.monotonic()
    image = tickervm.build_image(args.deb, args.arch)
    accel = tickervm.choose_accel(image, args.arch)
    out = args.out or os.path.join(os.path.dirname(image), "last-run")
    os.makedirs(out, exist_ok=True)
    m = tickervm.Machine(image, arch=args.arch, accel=accel)
    result = {"arch": args.arch, "accel": accel}
    failed = {}

    def run(name, fn, *a):
        if name not in wanted:
            return
        t = time.monotonic()
        try:
            result.update(fn(*a) or {})
        except (checks.CheckFailed, TimeoutError, OSError, RuntimeError, ValueError, subprocess.CalledProcessError) as e:
            failed[name] = str(e)
        print(f"vm-test: {name}: {'FAIL: ' + failed[name] if name in failed else 'ok'} "
              f"({time.monotonic() - t:.0f} s)", file=sys.stderr, flush=True)

    try:
        run("boot", checks.check_boot, m)
        if "boot" in failed:
            wanted = []
        run("screen", checks.check_screen, m, args.ticker, out)
        run("security", checks.check_security, m)
        run("cached", checks.check_cached_start, m)
        run("watchdog", checks.check_watchdog, m, args.ticker, out)
        cuts = checks.PowerCuts(m)

        def powercut():
            for _ in range(args.cuts):
                cuts.cut_once()
            f = cuts.figures()
            if cuts.bad:
                raise checks.CheckFailed(f"{len(cuts.bad)} bad restarts: {cuts.bad[:3]}")
            return f

        run("powercut", powercut)
        result.update(cuts.figures())
        run("replay", replaycheck.check_replay, m, args.replay_cycles)

        def upgrade():
            if "replay" in wanted:  # the replay round ends powered off
                m.boot()
                checks.wait_ready(m)
            return checks.check_upgrade_purge(m, m.work)

        run("upgrade", upgrade)
    finally:
        m.shutdown()
        os.replace(m.log.name, os.path.join(out, "console.log"))
        m.cleanup()
    result["failed"] = failed
    result["seconds"] = round(time.monotonic() - started)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
