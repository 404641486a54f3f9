#!/usr/bin/env python3
"""End to end: a remote configuration applied to the running kiosk without
a restart where it can be, by a clean restart where it cannot. One kiosk
runs headless the whole time; SIGHUP makes it fetch [remote] config_url at
once (so no step waits out a refresh interval), and each step waits for
the line that says what happened (no step is timed):
- a source's URL changes: applied live (no restart, the same process), the
  new source's items reach the screen, the old one's leave the cache;
- display settings change (crawl speed, featured time, QR code): applied
  live, the screen says which;
- a broken file: refused, nothing changed, no restart;
- the rotation changes: the clean restart, which reads the last good copy."""
import functools
import http.server
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ticker = sys.argv[1]
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
fixtures = os.path.join(here, "fixtures")
feed_a = os.path.join(fixtures, "vnexpress.rss")  # 3 items
feed_b = os.path.join(fixtures, "dantri.rss")     # 2 items
demo = os.path.join(here, "..", "assets", "demo", "trien-lam.rss")


def fail(why):
    print("FAIL: " + why, file=sys.stderr)
    sys.exit(1)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


work = tempfile.mkdtemp()
kiosk = None
try:
    served = os.path.join(work, "served")
    os.mkdir(served)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=served))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d/fleet.ini" % server.server_address[1]
    last_good = os.path.join(work, "remote.ini")
    cache = os.path.join(work, "cache.db")
    local = os.path.join(work, "local.ini")
    with open(local, "w") as f:
        # allow_http: the server is on 127.0.0.1; paths: the fleet's sources are the fixtures' files.
        f.write("[source local]\nlocation = %s\n[remote]\nconfig_url = %s\nallow_http = true\npaths = %s\n"
                "refresh = 3600\nlast_good = %s\n[cache]\npath = %s\n" % (demo, url, fixtures, last_good, cache))

    published = [0]

    def publish(text):
        """A new version, with a Last-Modified a minute after the last one's:
        the server's dates have whole seconds, and a conditional GET within
        the same second would be answered 304."""
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
        """The log from offset after, once it holds pattern (the kiosk gives up
        never: a deadline of minutes only ends a test that hangs)."""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            text = log()[after:]
            if re.search(pattern, text):
                return text
            if kiosk.poll() is not None:
                fail("the kiosk ended (%s) waiting for %s:\n%s" % (kiosk.returncode, what, text))
            time.sleep(0.2)
        fail("no %s in the log:\n%s" % (what, log()[after:]))

    def origins():
        db = sqlite3.connect("file:%s?mode=ro" % cache, uri=True)
        try:
            return {row[0] for row in db.execute("SELECT DISTINCT origin FROM items")}
        finally:
            db.close()

    publish("[source a]\nlocation = %s\n" % feed_a)
    kiosk = subprocess.Popen([ticker, "--headless", "-v", "-c", local], stderr=log_file, stdout=subprocess.DEVNULL)
    pid = kiosk.pid
    # The first file: the local source replaced by the fleet's, live.
    text = wait_for(r"applied without a restart", 0, "the first file applied live")
    text = wait_for(re.escape(feed_a) + r": 3 items", 0, "the fleet's source read")

    # 1. The source's URL changes: live, the new source's items on screen.
    mark = len(log())
    publish("[source a]\nlocation = %s\n" % feed_b)
    os.kill(pid, signal.SIGHUP)
    text = wait_for(r"adopting 2 items", mark, "the new source's 2 items adopted by the screen")
    for want in ("remote config: source added: " + feed_b, "remote config: source removed: " + feed_a,
                 "applied without a restart", "fetch: the new sources are in force: 0 kept",
                 "1 added, 1 removed (3 of their items dropped from the cache)", feed_b + ": 2 items"):
        if want not in text:
            fail("changing a source's URL: no %r in the log:\n%s" % (want, text))
    if "restarting" in text or kiosk.poll() is not None or kiosk.pid != pid:
        fail("changing a source's URL restarted the kiosk:\n" + text)
    if origins() != {feed_b}:
        fail("the cache after the URL changed holds items of %s" % origins())

    # 2. Display settings: live, in the same process.
    mark = len(log())
    publish("[source a]\nlocation = %s\n[display]\ncrawl_speed = 240\nfeatured_seconds = 5\nqr_code = false\n" % feed_b)
    os.kill(pid, signal.SIGHUP)
    text = wait_for(r"screen: new settings in force without a restart", mark, "the screen's new settings")
    for want in ("[display] crawl_speed: 120 -> 240", "[display] featured_seconds: 8 -> 5",
                 "featured 5 s, QR code off", "crawl speed 240 px/s", "applied without a restart"):
        if want not in text:
            fail("display settings: no %r in the log:\n%s" % (want, text))
    if "restarting" in text or "new sources are in force" in text or kiosk.poll() is not None:
        fail("a display change restarted the kiosk or touched the sources:\n" + text)

    # 3. A broken file: refused, nothing changes.
    mark = len(log())
    before = open(last_good, "rb").read()
    publish("[source a]\nlocation = %s\n[display]\ncrawl_speed = fast\nrotate = 90\n" % feed_a)
    os.kill(pid, signal.SIGHUP)
    text = wait_for(r"refused, nothing changed", mark, "the broken file refused")
    if "[display] crawl_speed: invalid value" not in text:
        fail("the refusal does not name the line and reason:\n" + text)
    time.sleep(1)  # not an assertion on time: only lets a wrong change show up in the log
    text = log()[mark:]
    if ("restarting" in text or "in force" in text or kiosk.poll() is not None or
            open(last_good, "rb").read() != before or origins() != {feed_b}):
        fail("a broken file changed something:\n" + text)

    # 4. The rotation: only a clean restart applies it, and says so.
    mark = len(log())
    publish("[source a]\nlocation = %s\n[display]\ncrawl_speed = 240\nfeatured_seconds = 5\nqr_code = false\n"
            "rotate = 90\n" % feed_b)
    os.kill(pid, signal.SIGHUP)
    text = wait_for(r"the last good copy of .* applied over the local file", mark, "the restart")
    for want in ("[display] rotate: 0 -> 90", "restarting to apply it ([display] rotate: a clean restart)",
                 "restarting: "):
        if want not in text:
            fail("a rotation: no %r in the log:\n%s" % (want, text))
    if "applied without a restart" in text:
        fail("a rotation was applied live:\n" + text)
    wait_for(r"cache .*: 2 items on screen at start", mark, "the restarted kiosk showing the cached items")
    kiosk.send_signal(signal.SIGTERM)
    if kiosk.wait(timeout=60) != 0:
        fail("the kiosk exited %d:\n%s" % (kiosk.returncode, log()[-3000:]))
    kiosk = None
    print("remote config applied live, and by a clean restart where needed: ok")
finally:
    if kiosk is not None and kiosk.poll() is None:
        kiosk.kill()
        kiosk.wait()
    shutil.rmtree(work, ignore_errors=True)
