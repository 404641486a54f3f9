#!/usr/bin/env python3
"""A fleet file reaches the screen (issue 18): a kiosk whose local config
holds only [remote] config_url, with its cache named on the command line,
fetches a fleet file naming one source; it restarts into it (no sources to
some is a clean restart) and the source's items reach the cache. A second
start, from scratch, reads the kept copy again and shows the same source.
Before the fix the kept copy was written beside the command line's cache
and looked for beside the default one at start: the restarted kiosk showed
the demo content, and the fetched file, equal to the kept copy, was taken
for the one in force and never applied."""
import functools
import http.server
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ticker = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
feed = os.path.join(here, "..", "fixtures", "vnexpress.rss")  # 3 items


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
    shutil.copy(feed, os.path.join(served, "news.rss"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=served))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % server.server_address[1]
    source = base + "/news.rss"
    with open(os.path.join(served, "kiosk.ini"), "w") as f:
        f.write("[source fleet]\nlocation = %s\n" % source)
    local = os.path.join(work, "local.ini")
    with open(local, "w") as f:
        f.write("[remote]\nconfig_url = %s/kiosk.ini\nallow_http = true\n" % base)
    cache = os.path.join(work, "cache", "cache.db")
    os.mkdir(os.path.dirname(cache))
    env = dict(os.environ, HOME=os.path.join(work, "home"), XDG_CACHE_HOME=os.path.join(work, "xdg-cache"),
               XDG_STATE_HOME=os.path.join(work, "xdg-state"), STATE_DIRECTORY=os.path.join(work, "state"),
               SDL_VIDEODRIVER="dummy")
    os.mkdir(env["STATE_DIRECTORY"])
    log_path = os.path.join(work, "kiosk.log")

    def origins():
        if not os.path.exists(cache):
            return set()
        db = sqlite3.connect("file:%s?mode=ro" % cache, uri=True, timeout=5)
        try:
            return {row[0] for row in db.execute("SELECT DISTINCT origin FROM items")}
        except sqlite3.OperationalError:  # not made yet
            return set()
        finally:
            db.close()

    def run_until_items(what):
        """Starts the kiosk and waits for the fleet source's items in its
        cache (a deadline of minutes only ends a test that would hang)."""
        global kiosk
        with open(log_path, "a") as log:
            kiosk = subprocess.Popen([ticker, "--headless", "-v", "--cache", cache, "-c", local], env=env,
                                     stderr=log, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if source in origins():
                break
            if kiosk.poll() is not None:
                fail("%s: the kiosk ended (%d):\n%s" % (what, kiosk.returncode, open(log_path).read()))
            time.sleep(0.2)
        else:
            fail("%s: the fleet source's items never reached the cache (it holds %s):\n%s" %
                 (what, origins(), open(log_path).read()))
        kiosk.terminate()
        if kiosk.wait(timeout=60) != 0:
            fail("%s: the kiosk exited %d" % (what, kiosk.returncode))
        kiosk = None

    run_until_items("the first start")
    text = open(log_path).read()
    for want in ("accepted (1 settings changed)", "restarting to apply it", "the last good copy of",
                 source + ": 3 items"):
        if want not in text:
            fail("no %r in the log:\n%s" % (want, text))
    if not os.path.exists(os.path.join(env["STATE_DIRECTORY"], "remote.ini")):
        fail("the kept copy is not in the state folder: %s" % os.listdir(work))
    os.unlink(cache)
    mark = len(open(log_path).read())
    run_until_items("a second start")
    text = open(log_path).read()[mark:]
    if "restarting" in text or "the last good copy of" not in text:
        fail("the second start did not read the kept copy at once:\n" + text)
    print("a fleet file reaches the screen: ok")
finally:
    if kiosk is not None and kiosk.poll() is None:
        kiosk.kill()
        kiosk.wait()
    shutil.rmtree(work, ignore_errors=True)
