#!/usr/bin/env python3
"""End to end: [remote] config_url — the fleet's INI file is fetched from a
local HTTP server, checked whole, kept as the last good copy and applied
(a title and sources: without a restart; its per-hostname section for this
kiosk only, its sources replacing the local ones, the log saying what
changed), and read at the next start; a broken file is refused with
nothing changed; a kiosk with the server gone keeps the last good copy.
tests/ops/test_remote_live.py follows one running kiosk through live changes
and a restart."""
import filecmp
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading

ticker = sys.argv[1]
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
demo = os.path.join(here, "..", "assets", "demo", "trien-lam.rss")
fleet_feed = os.path.join(here, "fixtures", "vnexpress.rss")
host = socket.gethostname()


def fail(why):
    print("FAIL: " + why, file=sys.stderr)
    sys.exit(1)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


work = tempfile.mkdtemp()
try:
    served = os.path.join(work, "served")
    os.mkdir(served)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=served))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d/fleet.ini" % server.server_address[1]
    last_good = os.path.join(work, "remote.ini")
    local = os.path.join(work, "local.ini")
    with open(local, "w") as f:
        # allow_http: the server is on 127.0.0.1; paths: the fleet's sources are the fixtures' files.
        f.write("[source local]\nlocation = %s\n[display]\ntitle = Máy lẻ\n[remote]\nconfig_url = %s\nallow_http = true\n"
                "paths = %s\nrefresh = 10\nlast_good = %s\n[cache]\npath = %s/cache.db\n" %
                (demo, url, os.path.dirname(fleet_feed), last_good, work))

    def publish(text):
        with open(os.path.join(served, "fleet.ini"), "w") as f:
            f.write(text)

    def run(seconds):
        p = subprocess.run([ticker, "--headless", "--duration", str(seconds), "-c", local], capture_output=True,
                           text=True, timeout=120)
        if p.returncode != 0:
            fail("kiosk exited %d: %s" % (p.returncode, p.stderr))
        return p.stderr

    def dump_sources():
        p = subprocess.run([ticker, "dump", "-c", local], capture_output=True, text=True, timeout=60)
        return p.stdout

    good = ("[display]\ntitle = Đội kiosk\n[display @%s]\ntitle = Kiosk sảnh A\n[display @another-kiosk]\n"
            "title = Máy khác\n[source fleet]\nlocation = %s\n" % (host, fleet_feed))
    publish(good)
    log = run(3)
    for want in ('remote config: [display] title: "Máy lẻ" -> "Kiosk sảnh A"', "remote config: source added: " + fleet_feed,
                 "remote config: source removed: " + demo, "accepted", "applied without a restart",
                 fleet_feed + ": 3 items"):
        if want not in log:
            fail("missing %r in the log:\n%s" % (want, log))
    if "restarting" in log:
        fail("a title and sources needed no restart:\n" + log)
    if not filecmp.cmp(last_good, os.path.join(served, "fleet.ini"), shallow=False):
        fail("the last good copy is not the served file")
    if log.count("accepted") != 1:
        fail("the same file was applied twice:\n" + log)
    items = dump_sources()
    if "vnexpress" not in items.lower() or "Bản tin Triển lãm" in items:
        fail("the fleet's source did not replace the local one:\n" + items[:500])

    # Broken files: nothing changes, and the log names the line and the reason.
    for broken, reason in ((good + "[schedule]\ndaily = 8-18\n", '[schedule] daily: "8-18" is not a range'),
                           (good.replace("title = Đội kiosk", "titel = Đội kiosk"), ":2: unknown setting [display] titel"),
                           (good + "[fetch]\nrefresh = soon\n", "[fetch] refresh: invalid value")):
        publish(broken)
        before = open(last_good, "rb").read()
        log = run(2)
        if "refused, nothing changed" not in log or reason not in log:
            fail("a broken file was not refused with %r:\n%s" % (reason, log))
        if "the last good copy of %s, %s, applied" % (url, last_good) not in log:
            fail("the last good copy was not read at start:\n" + log)
        if "restarting" in log or open(last_good, "rb").read() != before:
            fail("a broken file changed something:\n" + log)
        if os.path.exists(last_good + ".new"):
            fail("the refused candidate was left behind")
        if "vnexpress" not in dump_sources().lower():
            fail("after a refused file the sources changed")

    # The server gone: the last good copy is still in force.
    server.shutdown()
    server.server_close()
    log = run(2)
    if "keeping the settings in force" not in log or "the last good copy" not in log:
        fail("offline: " + log)
    print("remote config end to end: ok")
finally:
    shutil.rmtree(work, ignore_errors=True)
