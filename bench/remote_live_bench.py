#!/usr/bin/env python3
"""How long a remote configuration takes to reach the running kiosk's
screen without a restart: one headless kiosk, a fleet file on a local HTTP
server, and ROUNDS rounds of (a) a source's URL changed (SIGHUP to the
screen adopting the new source's items) and (b) the crawl speed changed
(SIGHUP to the screen's "new settings in force" line); then, for comparison, one rotation
(a clean restart: SIGHUP to the restarted kiosk posting its cached items). Prints one JSON line
per change and a summary; a benchmark, not a test: it never fails on a slow
machine.

usage: remote_live_bench.py TICKER_BINARY [--rounds 5]
"""
import argparse
import functools
import http.server
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FEEDS = [(os.path.join(ROOT, "tests", "fixtures", "vnexpress.rss"), 3),
         (os.path.join(ROOT, "tests", "fixtures", "dantri.rss"), 2)]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ticker")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    work = tempfile.mkdtemp()
    kiosk = None
    try:
        served = os.path.join(work, "served")
        os.mkdir(served)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=served))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = "http://127.0.0.1:%d/fleet.ini" % server.server_address[1]
        local = os.path.join(work, "local.ini")
        with open(local, "w") as f:
            # allow_http: the server is on 127.0.0.1; paths: the fleet's sources are the fixtures' files
            # (a fleet file may name only files under the local [remote] paths).
            f.write("[source local]\nlocation = %s\n[remote]\nconfig_url = %s\nallow_http = true\npaths = %s\n"
                    "refresh = 3600\nlast_good = %s/remote.ini\n[cache]\npath = %s/cache.db\n"
                    % (FEEDS[0][0], url, os.path.dirname(FEEDS[0][0]), work, work))
        version = [0]

        def publish(feed, speed, rotate=0):
            path = os.path.join(served, "fleet.ini")
            with open(path, "w") as f:
                f.write("[source a]\nlocation = %s\n[display]\ncrawl_speed = %d\nrotate = %d\n" % (feed, speed, rotate))
            version[0] += 1
            stamp = time.time() - 3600 + 60 * version[0]
            os.utime(path, (stamp, stamp))

        log_path = os.path.join(work, "kiosk.log")

        def wait_for(pattern, after):
            while True:
                with open(log_path) as f:
                    text = f.read()
                if re.search(pattern, text[after:]):
                    return time.monotonic(), len(text)
                if kiosk.poll() is not None:
                    raise SystemExit("the kiosk ended:\n" + text[-2000:])
                time.sleep(0.005)

        publish(FEEDS[1][0], 120)
        kiosk = subprocess.Popen([args.ticker, "--headless", "-v", "-c", local], stdout=subprocess.DEVNULL,
                                 stderr=open(log_path, "w"))
        _, mark = wait_for(r"adopting %d items" % FEEDS[1][1], 0)
        sources, displays = [], []
        speed = 120
        for r in range(args.rounds):
            feed, count = FEEDS[r % 2]
            publish(feed, speed)
            start = time.monotonic()
            kiosk.send_signal(signal.SIGHUP)
            end, mark = wait_for(r"adopting %d items" % count, mark)
            sources.append(end - start)
            print(json.dumps({"change": "source url", "round": r + 1, "sighup_to_screen_ms": round((end - start) * 1000, 1)}))
            speed = 240 if speed == 120 else 120
            publish(feed, speed)
            start = time.monotonic()
            kiosk.send_signal(signal.SIGHUP)
            end, mark = wait_for(r"screen: new settings in force without a restart", mark)
            displays.append(end - start)
            print(json.dumps({"change": "crawl speed", "round": r + 1, "sighup_to_screen_ms": round((end - start) * 1000, 1)}))
        with open(log_path) as f:
            restarts = f.read().count("restarting")
        # For comparison: a rotation, which only a clean restart applies
        # (SIGHUP to the restarted kiosk's first post of its cached items).
        publish(feed, speed, 90)
        start = time.monotonic()
        kiosk.send_signal(signal.SIGHUP)
        end, mark = wait_for(r"items on screen at start", mark)
        print(json.dumps({"change": "rotate (clean restart)", "sighup_to_cached_items_posted_ms":
                          round((end - start) * 1000, 1)}))
        print(json.dumps({"summary": True, "rounds": args.rounds, "restarts": restarts, "pid_kept": kiosk.poll() is None,
                          "source_url_median_ms": round(sorted(sources)[len(sources) // 2] * 1000, 1),
                          "source_url_max_ms": round(max(sources) * 1000, 1),
                          "display_median_ms": round(sorted(displays)[len(displays) // 2] * 1000, 1),
                          "display_max_ms": round(max(displays) * 1000, 1)}))
    finally:
        if kiosk is not None and kiosk.poll() is None:
            kiosk.send_signal(signal.SIGTERM)
            kiosk.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
