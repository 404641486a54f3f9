#!/usr/bin/env python3
"""End to end: `ticker fetch` and `ticker cache` against tests/feedserver.py.

Each fault ends in exactly one warning line naming its source, `cache
--sources` shows each source's state on one line, a corrupt cache file is
moved aside and rebuilt, items fetched once are printed by `ticker cache`
exactly as `dump` prints them, a second cycle costs a 304 and no write, a
broken source keeps its items, and the headless kiosk shows the cache at
start (also offline, on the first frame) and exits promptly while a fetch hangs.
Argument 1: the ticker binary."""
import glob
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


def run(*args, timeout=120):
    return subprocess.run([TICKER, *args], capture_output=True, text=True, timeout=timeout)


def parser_built(tmp):
    path = os.path.join(tmp, "probe.rss")
    with open(path, "w") as f:
        f.write('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                "<item><title>Tin</title><guid>g1</guid></item></channel></rss>")
    return run("dump", path).returncode == 0


def main():
    server, base = start_feedserver()
    tmp = tempfile.mkdtemp(prefix="ticker-cli-")
    ini = os.path.join(tmp, "ticker.ini")
    with open(ini, "w") as f:
        f.write("[fetch]\nconnect_timeout = 2\ntimeout = 4\nlow_speed_bytes = 100\nlow_speed_seconds = 2\n"
                "max_bytes = 2097152\n")
    os.environ["TICKER_CONFIG"] = ini
    try:
        faults = {
            base + "/hang": "timed out",
            base + "/trickle": "timed out",
            base + "/status/500": "HTTP 500",
            base + "/status/503?retry_after=90": "retry after 90 s",
            base + "/truncated": "truncated",
            base + "/huge": "larger than the cap",
            base + "/garbage": "HTTP 200 but",
            base + "/to-file": "only http and https",
            "http://nonexistent.invalid/rss": "cannot resolve",
        }
        db = os.path.join(tmp, "faults.db")
        result = run("fetch", "--cycles", "1", "--cache", db, *faults)
        check(result.returncode == 0, "fetch with every source failing still exits 0")
        warnings = [l for l in result.stderr.splitlines() if ": warning: " in l]
        for url, reason in faults.items():
            lines = [l for l in warnings if (": warning: %s: " % url) in l]
            check(len(lines) == 1 and reason in lines[0] and "keeping its cached items" in lines[0],
                  "one clear error line for %s (%s): %s" % (url, reason, lines))
        check(len(warnings) == len(faults), "no other warnings (%d)" % len(warnings))

        result = run("cache", "--sources", "--cache", db, *faults)
        lines = result.stdout.splitlines()
        check(result.returncode == 0 and len(lines) == len(faults), "cache --sources: one line a source")
        check(all("\terror\t1 failures" in l for l in lines), "cache --sources shows each error")
        retry = [l for l in lines if "retry_after=90" in l]
        check(len(retry) == 1 and "retry after 90 s" in retry[0], "cache --sources keeps the reason")

        result = run("cache", "--cache", os.path.join(tmp, "missing.db"))
        check(result.returncode == 1 and "nothing cached: with no [source]" in result.stderr,
              "cache without a file (and no source: the demo) says so")

        bad = os.path.join(tmp, "bad.db")
        garbage = os.urandom(8192)
        with open(bad, "wb") as f:
            f.write(garbage)
        # `ticker cache` only looks: a corrupt file is reported and left as it is.
        result = run("cache", "--cache", bad)
        check(result.returncode == 1 and "cannot be read" in result.stderr and "left as it is" in result.stderr,
              "ticker cache reports a corrupt file: " + result.stderr.strip()[:160])
        with open(bad, "rb") as f:
            unchanged = f.read() == garbage
        check(unchanged and not glob.glob(bad + ".*") and not glob.glob(bad + "-*"),
              "ticker cache neither changes, moves nor adds to a corrupt file")
        # The kiosk's fetch loop moves it aside and builds a new one.
        result = run("fetch", "--cycles", "1", "--cache", bad, base + "/feed?fmt=rss&name=afterbad&items=1")
        check(result.returncode == 0 and "moved aside" in result.stderr, "the fetch loop moves a corrupt cache aside")
        check(len(glob.glob(bad + ".corrupt-*")) == 1, "the corrupt file is kept beside, renamed")
        check(run("cache", "--cache", bad).returncode == 0 and len(glob.glob(bad + ".corrupt-*")) == 1,
              "the rebuilt cache opens cleanly")

        check(parser_built(tmp), "the feed parser is built")
        check_items(base, tmp)
        check_kiosk(base, tmp)
    finally:
        stop_feedserver(server)
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


def check_items(base, tmp):
    db = os.path.join(tmp, "items.db")
    feed = base + "/s/cli?name=cli&items=6"
    urllib.request.urlopen(base + "/mode?name=cli&to=ok").read()
    result = run("fetch", "--cycles", "2", "--cache", db, feed)
    out = [line for line in result.stdout.splitlines() if line.startswith("cycle")]
    check(result.returncode == 0 and len(out) == 2, "two cycles reported")
    check("committed" in out[0] and "6 items new or changed" in out[0], "first cycle stores 6 items: " + out[0])
    check("nothing to write" in out[1] and "1 not modified" in out[1], "second cycle is a 304, no write: " + out[1])
    cached = run("cache", "--cache", db)
    dumped = run("dump", feed)
    cached_items = sorted(cached.stdout.splitlines())
    dumped_items = sorted(dumped.stdout.splitlines())
    check(len(cached_items) == 6 and cached_items == dumped_items, "ticker cache prints the items as dump does")
    for line in cached_items:
        json.loads(line)
    urllib.request.urlopen(base + "/mode?name=cli&to=500").read()
    result = run("fetch", "--cycles", "1", "--cache", db, feed)
    check("1 failed" in result.stdout, "the broken source fails")
    check(len(run("cache", "--cache", db).stdout.splitlines()) == 6, "and its items stay in the cache")


def check_kiosk(base, tmp):
    """The kiosk itself (headless): cached items go to the screen at start,
    also with the network gone, and a hung fetch never delays the exit."""
    db = os.path.join(tmp, "kiosk.db")
    feed = base + "/feed?name=kiosk&items=7"
    result = run("--headless", "--duration", "3", "--cache", db, feed)
    check(result.returncode == 0, "headless run exits 0")
    check("0 items on screen at start" in result.stderr, "an empty cache at first")
    check(("%s: 7 items, 7 new or changed" % feed) in result.stderr, "the feed is fetched and cached")
    dead = "http://127.0.0.1:9/feed?name=kiosk&items=7"  # nothing listens on the discard port
    result = run("--headless", "--duration", "3", "--cache", db, dead)
    check("7 items on screen at start" in result.stderr, "offline: the cached items are on screen at once")
    # On the first frame presented, not a frame or two later: the line the
    # VM check measures "cached items on screen after the start" from.
    check("first frame showing items: frame 1, 7 items, at monotonic " in result.stderr,
          "offline: the first frame presented shows the 7 cached items")
    check(("warning: %s: cannot connect" % dead) in result.stderr, "offline: one error line for the source")
    ini = os.environ.pop("TICKER_CONFIG")  # the defaults: a 60 s transfer limit
    try:
        started = time.monotonic()
        result = run("--headless", "--duration", "2", "--cache", db, base + "/hang", timeout=50)
        elapsed = time.monotonic() - started
    finally:
        os.environ["TICKER_CONFIG"] = ini
    check(result.returncode == 0 and elapsed < 40, "a hung fetch does not hold up the exit (%.1f s)" % elapsed)


if __name__ == "__main__":
    main()
