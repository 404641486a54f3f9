#!/usr/bin/env python3
"""End to end: `ticker bench` runs the kiosk's live pipeline (cache, fetch
loop, mailbox, frame loop) while tests/feedserver.py serves every fault.

With a cache primed from two feeds, one of which now answers 500, and the
faults of issue 4 beside them, a 3-second bench ends within a bounded time,
prints its JSON line with the cached items still on screen, and logs exactly
one error line per failing source naming it (none for the healthy feed).
Without --cache it uses a temporary cache and removes it; with a fetch
hanging under the default 60 s limit it still ends promptly.
Behaviour only: frame times are figures for bench/faults_bench.py.
Argument 1: the ticker binary."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

TICKER = sys.argv[1]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "common"))  # scriptcheck, feedserver
from scriptcheck import check, finish, start_feedserver, stop_feedserver


def run(*args, timeout=120, env=None):
    started = time.monotonic()
    result = subprocess.run([TICKER, *args], capture_output=True, text=True, timeout=timeout, env=env)
    return result, time.monotonic() - started


def json_line(result):
    lines = result.stdout.splitlines()
    if len(lines) != 1:
        return None
    try:
        return json.loads(lines[0])
    except ValueError:
        return None


def check_faults(base, tmp, env):
    healthy = base + "/feed?name=healthy&items=5"
    kept = base + "/s/kept?name=kept&items=7"  # cached, then broken
    db = os.path.join(tmp, "faults.db")
    urllib.request.urlopen(base + "/mode?name=kept&to=ok").read()
    # --refresh 1: both primed sources are due again when the bench starts.
    result, _ = run("fetch", "--cycles", "1", "--refresh", "1", "--cache", db, healthy, kept, env=env)
    check(result.returncode == 0 and "12 items new or changed" in result.stdout,
          "the cache is primed with 12 items: " + result.stdout.strip())
    urllib.request.urlopen(base + "/mode?name=kept&to=500").read()
    time.sleep(1.5)
    faults = [kept, base + "/hang", base + "/trickle", base + "/status/500", base + "/status/503?retry_after=90",
              base + "/truncated", base + "/huge", base + "/garbage", "http://nonexistent.invalid/rss"]
    result, elapsed = run("bench", "--seconds", "3", "--size", "640x360", "--cache", db, healthy, *faults,
                          timeout=60, env=env)
    check(result.returncode == 0, "bench under faults exits 0 (%s)" % result.stderr[-300:])
    check(elapsed < 30, "bench under faults ends in bounded time (%.1f s)" % elapsed)
    figures = json_line(result)
    check(figures is not None, "bench prints one JSON line: %r" % result.stdout)
    if figures:
        check(figures["items_shown"] == 12, "the 12 cached items stay on screen (%d)" % figures["items_shown"])
        check(figures["sources"] == 1 + len(faults), "every source was configured (%d)" % figures["sources"])
        check(figures["frames"] > 1, "frames were drawn (%d)" % figures["frames"])
    warnings = [l for l in result.stderr.splitlines() if ": warning: " in l]
    for url in faults:
        lines = [l for l in warnings if (": warning: %s: " % url) in l]
        check(len(lines) == 1 and "keeping its cached items" in lines[0],
              "one error line for %s: %s" % (url, lines))
    reasons = {kept: "HTTP 500", base + "/status/500": "HTTP 500", base + "/status/503?retry_after=90": "retry after 90 s"}
    for url, reason in reasons.items():
        check(any((": warning: %s: " % url) in l and reason in l for l in warnings), "%s: %s" % (url, reason))
    check(not any(healthy in l for l in warnings), "no error line for the healthy feed")
    check(len(warnings) == len(faults), "no other warnings (%d)" % len(warnings))


def check_temporary_cache(base, tmp, env):
    """Without --cache, bench leaves the kiosk's cache alone and cleans up."""
    scratch = os.path.join(tmp, "scratch")
    os.mkdir(scratch)
    env = dict(env, TMPDIR=scratch, XDG_CACHE_HOME=os.path.join(tmp, "xdg-cache"))
    result, _ = run("bench", "--seconds", "1", "--size", "640x360", base + "/feed?name=temp&items=3", env=env)
    check(result.returncode == 0 and json_line(result) is not None, "bench without --cache runs")
    check(("cache %s/ticker-bench-" % scratch) in result.stderr, "it uses a temporary cache under $TMPDIR")
    check(not os.listdir(scratch), "the temporary cache is removed at exit (%s)" % os.listdir(scratch))
    check(not os.path.exists(os.path.join(tmp, "xdg-cache")), "the default cache is not touched")


def check_prompt_exit(base, tmp, env):
    """The default transfer limit is 60 s; stopping must abort, not wait."""
    env = dict(env)
    env.pop("TICKER_CONFIG", None)
    db = os.path.join(tmp, "hang.db")
    result, elapsed = run("bench", "--seconds", "2", "--size", "640x360", "--cache", db, base + "/hang",
                          timeout=60, env=env)
    figures = json_line(result)
    check(result.returncode == 0 and figures is not None, "bench with a hung fetch prints its figures")
    check(elapsed < 30, "a hung fetch does not hold up bench's exit (%.1f s, stop %s ms)"
          % (elapsed, figures and figures["stop_ms"]))


def main():
    server, base = start_feedserver()
    tmp = tempfile.mkdtemp(prefix="ticker-bench-faults-")
    ini = os.path.join(tmp, "ticker.ini")
    # Short limits, so every fault has ended in its one error line well
    # before the 3-second bench stops (a transfer cut short by the stop
    # is not logged as the source's failure).
    with open(ini, "w") as f:
        f.write("[fetch]\nconnect_timeout = 1\ntimeout = 1\nlow_speed_bytes = 100\nlow_speed_seconds = 1\n"
                "max_bytes = 2097152\n")
    env = dict(os.environ, TICKER_CONFIG=ini)
    try:
        check_faults(base, tmp, env)
        check_temporary_cache(base, tmp, env)
        check_prompt_exit(base, tmp, env)
    finally:
        stop_feedserver(server)
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
