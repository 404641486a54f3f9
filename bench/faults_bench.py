#!/usr/bin/env python3
"""Frame times while the fetch loop is served faults, against the same run
with healthy feeds only: `ticker bench` (the kiosk's pipeline — feeder
thread with the cache and the live fetch loop, mailbox, scene, render —
offscreen on the software renderer, unthrottled) with tests/feedserver.py
on 127.0.0.1.

Both runs start from a copy of one cache primed with the healthy feeds, so
the same items are on screen. The faulty run adds a server that never
answers, one trickling a byte a second, 500, 503 with Retry-After, a
truncated body, 100 MB without Content-Length (cut at the 20 MB cap), garbage
and an unresolvable host. Every source is retried as soon as its backoff
allows (--refresh 1; 1 s, then doubling) and stalled transfers give up after
3 s, so faults are served all through the run. Healthy and faulty runs
alternate (--rounds R of each) so load from elsewhere hits both alike.

Prints each run's JSON line, a comparison table, and each fault's error
lines from the faulty run's log. Figures only: it never fails on a slow
machine (only when bench itself cannot run).

Usage: bench/faults_bench.py [--ticker build/ticker] [--seconds 10] [--rounds 1] [--size 1920x1080]
"""
import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "common"))
from scriptcheck import start_feedserver, stop_feedserver  # noqa: E402

HEALTHY = ["/feed?name=a&items=40", "/feed?name=b&items=40", "/gzip?name=c&items=40", "/feed?name=d&items=40"]
FAULTS = ["/hang", "/trickle", "/status/500", "/status/503?retry_after=5", "/truncated?name=t", "/huge",
          "/garbage", "http://nonexistent.invalid/rss"]
FETCH_SETTINGS = "[fetch]\nconnect_timeout = 2\ntimeout = 3\nlow_speed_bytes = 100\nlow_speed_seconds = 2\n"


def url(base, path):
    return path if path.startswith("http") else base + path


def server_requests(base):
    with urllib.request.urlopen(base + "/stats") as answer:
        return json.load(answer)["requests"]


def copy_cache(source, target):
    """A consistent copy through SQLite's backup API (the WAL included)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def bench_run(args, env, base, tmp, kind, round_number):
    sources = [url(base, p) for p in HEALTHY + (FAULTS if kind == "faulty" else [])]
    db = os.path.join(tmp, "%s-%d.db" % (kind, round_number))
    copy_cache(os.path.join(tmp, "primed.db"), db)
    before = server_requests(base)
    result = subprocess.run([args.ticker, "bench", "--seconds", str(args.seconds), "--size", args.size,
                             "--refresh", "1", "--cache", db, *sources], capture_output=True, text=True, env=env,
                            timeout=args.seconds + 120)
    requests = server_requests(base) - before
    lines = result.stdout.splitlines()
    if result.returncode != 0 or len(lines) != 1:
        sys.exit("faults_bench: ticker bench failed (%d): %s" % (result.returncode, result.stderr[-2000:]))
    figures = json.loads(lines[0])
    figures["run"] = kind
    figures["server_requests"] = requests
    return figures, result.stderr


def print_table(runs):
    columns = [("run", "run", "%-7s"), ("sources", "sources", "%7d"), ("items on screen", "items_shown", "%15d"),
               ("frames", "frames", "%7d"), ("p50 ms", "frame_ms_p50", "%7.3f"), ("p99 ms", "frame_ms_p99", "%7.3f"),
               ("max ms", "frame_ms_max", "%7.1f"), ("first frame ms", "frame_ms_first", "%14.1f"),
               ("max after it", "frame_ms_max_after_first", "%12.1f"), ("CPU ms/frame", "cpu_ms_per_frame", "%12.3f"),
               ("render thread", "render_cpu_ms_per_frame", "%13.3f"), ("RSS MB", "peak_rss_mb", "%6.1f"),
               ("requests", "server_requests", "%8d"), ("stop ms", "stop_ms", "%7.0f")]
    print("| " + " | ".join(title for title, _, _ in columns) + " |")
    print("|" + "|".join("---" for _ in columns) + "|")
    for figures in runs:
        print("| " + " | ".join(fmt % figures[key] for _, key, fmt in columns) + " |")


def print_fault_lines(base, log):
    warnings = [line for line in log.splitlines() if ": warning: " in line]
    print("\nError lines of the faulty run (each attempt is one line naming its source):")
    for path in FAULTS:
        source = url(base, path)
        lines = [line for line in warnings if (": warning: %s: " % source) in line]
        first = lines[0].split(": warning: ", 1)[1] if lines else "(no error line: the run ended first)"
        print("  %d × %s" % (len(lines), first))
    healthy = [line for line in warnings if any(url(base, p) in line for p in HEALTHY)]
    print("  healthy feeds: %d error lines" % len(healthy))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ticker", default=os.path.join(ROOT, "build", "ticker"))
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--size", default="1920x1080")
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("SDL_VIDEODRIVER", "dummy")
    env.setdefault("SDL_RENDER_DRIVER", "software")
    tmp = tempfile.mkdtemp(prefix="ticker-faults-bench-")
    with open(os.path.join(tmp, "ticker.ini"), "w") as f:
        f.write(FETCH_SETTINGS)
    env["TICKER_CONFIG"] = os.path.join(tmp, "ticker.ini")
    server, base = start_feedserver()
    try:
        primed = subprocess.run([args.ticker, "fetch", "--cycles", "1", "--refresh", "1", "--cache",
                                 os.path.join(tmp, "primed.db"), *[url(base, p) for p in HEALTHY]],
                                capture_output=True, text=True, env=env, timeout=120)
        if primed.returncode != 0:
            sys.exit("faults_bench: cannot prime the cache: " + primed.stderr)
        print("primed: " + primed.stdout.strip())
        runs, faulty_log = [], ""
        for round_number in range(args.rounds):
            for kind in ("healthy", "faulty"):
                figures, log = bench_run(args, env, base, tmp, kind, round_number)
                print(json.dumps(figures, separators=(",", ":")), flush=True)
                runs.append(figures)
                if kind == "faulty":
                    faulty_log = log
        print()
        print_table(runs)
        print_fault_lines(base, faulty_log)
    finally:
        stop_feedserver(server)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
