#!/usr/bin/env python3
"""The kept fleet file across cache moves and reboots (issue 17). A fleet
file cannot move [cache] path (the settings table keeps it local); the
cache still moves when the operator says so (--cache, the local file),
and the kept copy and its bookkeeping live in one place (the state
folder) whatever the cache path: each boot starts from the newest kept
copy, takes a newer file once, and the next boot starts from that one.
Before, the copy was kept beside the cache: a boot with the first cache
again applied the old copy kept there, and a newer file, equal to the one
beside the other cache, was skipped as "the copy in force"."""
import functools
import http.server
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ticker = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
fixtures = os.path.join(here, "..", "fixtures")
demo = os.path.join(here, "..", "..", "assets", "demo", "trien-lam.rss")


def fail(why):
    print("FAIL: " + why, file=sys.stderr)
    sys.exit(1)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


work = tempfile.mkdtemp()
kiosk = None
try:
    served, allowed, state = (os.path.join(work, d) for d in ("served", "allowed", "state"))
    for d in (served, allowed, state):
        os.mkdir(d)
    news1, news2 = os.path.join(allowed, "news1.rss"), os.path.join(allowed, "news2.rss")
    shutil.copy(os.path.join(fixtures, "vnexpress.rss"), news1)  # 3 items
    shutil.copy(os.path.join(fixtures, "dantri.rss"), news2)     # 2 items
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=served))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d/fleet.ini" % server.server_address[1]
    local = os.path.join(work, "local.ini")
    with open(local, "w") as f:
        f.write("[source local]\nlocation = %s\n[remote]\nconfig_url = %s\nallow_http = true\npaths = %s\n"
                "refresh = 3600\n[cache]\npath = %s/cache-a.db\n" % (demo, url, allowed, work))
    env = dict(os.environ, STATE_DIRECTORY=state, SDL_VIDEODRIVER="dummy")
    published = [0]

    def publish(text):
        path = os.path.join(served, "fleet.ini")
        with open(path, "w") as f:
            f.write(text)
        published[0] += 1
        stamp = time.time() - 3600 + 60 * published[0]
        os.utime(path, (stamp, stamp))

    log_path = os.path.join(work, "kiosk.log")
    log_file = open(log_path, "w")

    def log():
        with open(log_path) as f:
            return f.read()

    def wait_for(pattern, after, what):
        deadline = time.monotonic() + 120  # only ends a test that hangs
        while time.monotonic() < deadline:
            text = log()[after:]
            if re.search(pattern, text):
                return text
            if kiosk.poll() is not None:
                fail("the kiosk ended (%s) waiting for %s:\n%s" % (kiosk.returncode, what, text))
            time.sleep(0.2)
        fail("no %s in the log:\n%s" % (what, log()[after:]))

    def boot(what, until, cache):
        """One boot: the kiosk until the line until, then SIGTERM."""
        global kiosk
        mark = len(log())
        kiosk = subprocess.Popen([ticker, "--headless", "-v", cache, "-c", local], env=env, stderr=log_file,
                                 stdout=subprocess.DEVNULL)
        text = wait_for(until, mark, what)
        kiosk.send_signal(signal.SIGTERM)
        if kiosk.wait(timeout=60) != 0:
            fail("%s: the kiosk exited %d" % (what, kiosk.returncode))
        kiosk = None
        return log()[mark:]

    v1 = "[source fleet]\nlocation = %s\n" % news1
    v2 = "[source fleet]\nlocation = %s\n" % news2
    cache_a, cache_b = ("--cache=%s/cache-%s.db" % (work, x) for x in "ab")
    publish("[cache]\npath = %s/cache-c.db\n" % allowed + v1)
    text = boot("a fleet file moving the cache", r"refused, nothing changed", cache_a)
    if "[cache] path cannot be set by a fleet file" not in text:
        fail("a fleet file moved the cache:\n" + text)
    publish(v1)
    text = boot("v1 on cache a", re.escape(news1) + r": 3 items", cache_a)
    publish(v2)
    text = boot("v2 on cache b", re.escape(news2) + r": 2 items", cache_b)
    if "the last good copy of" not in text or "accepted" not in text:
        fail("the boot on cache b did not start from v1 and take v2:\n" + text)
    last = boot("a boot on cache a again", re.escape(news2) + r": (2 items|unchanged)", cache_a)
    if news1 in last or "accepted" in last or "the last good copy of" not in last:
        fail("a reboot started from an old kept copy:\n" + last)
    if open(os.path.join(state, "remote.ini")).read() != v2:
        fail("the kept copy is not the newest file")
    print("the kept copy follows the fleet across cache moves and reboots: ok")
finally:
    if kiosk is not None and kiosk.poll() is None:
        kiosk.kill()
        kiosk.wait()
    shutil.rmtree(work, ignore_errors=True)
