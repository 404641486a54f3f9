#!/usr/bin/env python3
"""One bad fleet file must never brick a fleet (issue 17). One kiosk runs
headless the whole time (the same process: no restart, no exit); SIGHUP
makes it fetch the fleet file at once and each step waits for the line
that says what happened:
- a fleet file whose font does not exist (inside the allowed folder, so
  only the start check can catch it): refused with the reason, nothing
  kept, the kiosk shows what it showed;
- then a good one: applied live, its source's items reach the cache;
- a fleet file that changes [remote] (config_url, public_key): refused;
- one that points [health] textfile or a source outside the local
  [remote] paths: refused;
and at the next start a kept copy that would not start (written by an
older kiosk, fonts gone) is set aside as .refused, the local settings are
used, and the kiosk fetches the good file again and shows it. Last, an
http:// config_url without [remote] allow_http is not fetched at all.
Before this, the missing font was kept and the kiosk exited 1 at every
start."""
import functools
import http.server
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ticker = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
fixtures = os.path.join(here, "..", "fixtures")
feed = os.path.realpath(os.path.join(fixtures, "vnexpress.rss"))  # 3 items
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
    served = os.path.join(work, "served")
    allowed = os.path.join(work, "allowed")
    state = os.path.join(work, "state")
    for d in (served, allowed, state):
        os.mkdir(d)
    shutil.copy(feed, os.path.join(allowed, "news.rss"))
    source = os.path.join(allowed, "news.rss")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=served))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d/fleet.ini" % server.server_address[1]
    cache = os.path.join(work, "cache.db")
    local = os.path.join(work, "local.ini")
    with open(local, "w") as f:
        f.write("[source local]\nlocation = %s\n[remote]\nconfig_url = %s\nallow_http = true\npaths = %s\n"
                "refresh = 3600\n[cache]\npath = %s\n" % (demo, url, allowed, cache))
    env = dict(os.environ, STATE_DIRECTORY=state, SDL_VIDEODRIVER="dummy")
    kept = os.path.join(state, "remote.ini")
    published = [0]

    def publish(text):
        """A new version, its Last-Modified a minute after the last one's (a
        conditional GET within the same second would be answered 304)."""
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

    def origins():
        db = sqlite3.connect("file:%s?mode=ro" % cache, uri=True, timeout=5)
        try:
            return {row[0] for row in db.execute("SELECT DISTINCT origin FROM items")}
        finally:
            db.close()

    def start():
        global kiosk
        kiosk = subprocess.Popen([ticker, "--headless", "-v", "-c", local], env=env, stderr=log_file,
                                 stdout=subprocess.DEVNULL)
        return kiosk.pid

    def refused(text, reason, what):
        mark = len(log())
        before = open(kept, "rb").read() if os.path.exists(kept) else None
        publish(text)
        os.kill(pid, signal.SIGHUP)
        got = wait_for(r"refused, nothing changed", mark, what + " refused")
        if reason not in got:
            fail("%s: the refusal does not say %r:\n%s" % (what, reason, got))
        after = open(kept, "rb").read() if os.path.exists(kept) else None
        if before != after or "restarting" in got or "accepted" in got or kiosk.poll() is not None:
            fail("%s changed something:\n%s" % (what, got))
        print("refused as it should: %s" % [line for line in got.splitlines() if "refused" in line][0])

    good = "[source fleet]\nlocation = %s\n" % source
    pid = start()
    wait_for(r"cache .*: 0 items on screen at start", 0, "the kiosk up")

    # 1. A font that does not exist: the kiosk it would make could not start.
    refused("[display]\nfont = %s/missing.ttf\n" % allowed + good, "missing.ttf: No such file or directory",
            "a missing font")
    if os.path.exists(kept):
        fail("the refused file was kept")
    # 2. Then a good one: applied live, in the same process.
    mark = len(log())
    publish(good)
    os.kill(pid, signal.SIGHUP)
    text = wait_for(re.escape(source) + r": 3 items", mark, "the good file's source read")
    if "applied without a restart" not in text or kiosk.pid != pid or kiosk.poll() is not None:
        fail("the good file was not applied live:\n" + text)
    print("then applied: %s" % [line for line in text.splitlines() if "accepted" in line][0])
    deadline = time.monotonic() + 60
    while source not in origins() and time.monotonic() < deadline:
        time.sleep(0.2)
    if origins() != {source}:
        fail("the cache holds %s" % origins())

    # 3. [remote] is the local file's alone.
    refused(good + "[remote]\nconfig_url = http://127.0.0.2:1/other.ini\n", "[remote] config_url cannot be set by a fleet file", "[remote]")
    refused(good + "[remote]\npublic_key = \n", "[remote] public_key cannot be set by a fleet file", "[remote] public_key")
    refused(good + "[remote @%s]\npaths = /\n" % socket.gethostname(), "[remote] paths cannot be set", "[remote @HOST]")
    # 4. No path outside the local [remote] paths.
    refused(good + "[health]\ntextfile = %s/metrics.prom\n" % work, "[health] textfile", "a textfile outside")
    refused("[source etc]\nlocation = /etc/passwd\n", "/etc/passwd: a fleet file may set only paths", "/etc/passwd")
    refused("[source up]\nlocation = %s/../local.ini\n" % allowed, "outside them", "a source through ..")
    kiosk.send_signal(signal.SIGTERM)
    if kiosk.wait(timeout=60) != 0:
        fail("the kiosk exited %d" % kiosk.returncode)

    # 5. A kept copy that would not start (an older kiosk kept it): set aside.
    publish(good)
    with open(kept, "w") as f:
        f.write("[display]\nfont = %s/gone.ttf\n" % allowed + good)
    os.unlink(cache)
    mark = len(log())
    pid = start()
    text = wait_for(r"set aside as \.refused", mark, "the kept copy set aside")
    if "gone.ttf" not in text or not os.path.exists(kept + ".refused"):
        fail("the kept copy was not set aside with its reason:\n" + text)
    text = wait_for(re.escape(source) + r": 3 items", mark, "the good file fetched again and shown")
    if kiosk.poll() is not None or kiosk.pid != pid:
        fail("the kiosk did not stay up")
    kiosk.send_signal(signal.SIGTERM)
    if kiosk.wait(timeout=60) != 0:
        fail("the kiosk exited %d" % kiosk.returncode)
    kiosk = None

    # 6. http:// without allow_http: not fetched, the local settings shown.
    with open(local, "w") as f:
        f.write("[source local]\nlocation = %s\n[remote]\nconfig_url = %s\n[cache]\npath = %s\n" % (demo, url, cache))
    p = subprocess.run([ticker, "--headless", "--duration", "2", "-c", local], env=env, capture_output=True,
                       text=True, timeout=120)
    if p.returncode != 0 or "only https:// is fetched" not in p.stderr or "accepted" in p.stderr:
        fail("an http config_url without allow_http (%d):\n%s" % (p.returncode, p.stderr))
    print("a broken fleet file, then a good one, on a kiosk that stayed up: ok")
finally:
    if kiosk is not None and kiosk.poll() is None:
        kiosk.kill()
        kiosk.wait()
    shutil.rmtree(work, ignore_errors=True)
