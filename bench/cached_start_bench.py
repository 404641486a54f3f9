#!/usr/bin/env python3
"""How soon the cached items are on screen after the kiosk starts, with no
network (issue 11: "the cached items are on screen within a second of the
service starting, before any network").  The same measure as the VM's
check (toolchain/vm/checks.py, check_cached_start), on this machine: a warm
cache (one fetch of the test fixtures), then the kiosk started offscreen
(--headless) with its sources unreachable (127.0.0.1:9, where nothing
listens), from the moment it is spawned to its log line "first frame
showing items: frame N, M items, at monotonic T s" (CLOCK_MONOTONIC, the
clock Python's time.monotonic reads on Linux).

    bench/cached_start_bench.py [--ticker build/ticker] [--runs 10]

Prints one JSON line: the median and the worst of the runs, the frame
number that first showed items (1: the very first frame) and the count."""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIRST = re.compile(r"first frame showing items: frame (\d+), (\d+) items, at monotonic ([0-9.]+) s")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ticker", default=os.path.join(SOURCE_DIR, "build", "ticker"))
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    fixtures = os.path.join(SOURCE_DIR, "tests", "fixtures")
    env = dict(os.environ, TICKER_FONTS_DIR=os.path.join(SOURCE_DIR, "fonts"),
               TICKER_ASSETS_DIR=os.path.join(SOURCE_DIR, "assets"), SDL_RENDER_DRIVER="software")
    env.pop("TICKER_CONFIG", None)
    with tempfile.TemporaryDirectory() as work:
        db = os.path.join(work, "cache.db")
        ini = os.path.join(work, "ticker.ini")
        with open(ini, "w") as f:
            f.write("[display]\nwidth = 1280\nheight = 720\n")
        warm = subprocess.run([args.ticker, "-c", ini, "fetch", "--cycles", "1", "--cache", db,
                               os.path.join(fixtures, "vnexpress.rss"), os.path.join(fixtures, "tuoitre.rss")],
                              env=env, capture_output=True, text=True)
        if warm.returncode != 0:
            sys.exit(f"cached_start_bench: the warm-up fetch failed: {warm.stderr[-500:]}")
        times, frames, counts = [], [], []
        for _ in range(args.runs):
            started = time.monotonic()
            run = subprocess.run([args.ticker, "-c", ini, "--headless", "--duration", "1.5", "--cache", db,
                                  "http://127.0.0.1:9/feed"], env=env, capture_output=True, text=True)
            found = FIRST.search(run.stderr)
            if not found:
                sys.exit(f"cached_start_bench: no 'first frame showing items' line: {run.stderr[-800:]}")
            frames.append(int(found.group(1)))
            counts.append(int(found.group(2)))
            times.append(float(found.group(3)) - started)
    print(json.dumps({"bench": "cached_start", "where": "host, offscreen (--headless), software renderer",
                      "runs": args.runs, "cached_first_frame_s_median": round(statistics.median(times), 3),
                      "cached_first_frame_s_max": round(max(times), 3), "first_frame_number_max": max(frames),
                      "items": max(counts)}))


if __name__ == "__main__":
    main()
