#!/usr/bin/env python3
"""A signed fleet file (issue 17): with [remote] public_key in the local
file, a fleet file is applied only with a good detached signature at
config_url + ".minisig", made by the real minisign tool (a key made with
`minisign -G -W`, no password; prehashed signatures and legacy -l ones). One kiosk runs throughout; SIGHUP fetches
at once. A good signature: applied. The same file altered after signing,
no signature, a signature by another key, a trusted comment altered:
refused with the reason, nothing changed. At the next start the kept copy
is checked against the key again, and a kept copy whose signature is gone
is set aside."""
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
here = os.path.dirname(os.path.abspath(__file__))
feed = os.path.realpath(os.path.join(here, "..", "fixtures", "vnexpress.rss"))
demo = os.path.join(here, "..", "..", "assets", "demo", "trien-lam.rss")


def fail(why):
    print("FAIL: " + why, file=sys.stderr)
    sys.exit(1)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def minisign(*args):
    p = subprocess.run(["minisign", *args], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        fail("minisign %s: %s%s" % (" ".join(args), p.stdout, p.stderr))


work = tempfile.mkdtemp()
kiosk = None
try:
    served, allowed, state = (os.path.join(work, d) for d in ("served", "allowed", "state"))
    for d in (served, allowed, state):
        os.mkdir(d)
    source = os.path.join(allowed, "news.rss")
    shutil.copy(feed, source)
    keys = {}
    for name in ("fleet", "other"):
        pub, sec = os.path.join(work, name + ".pub"), os.path.join(work, name + ".key")
        minisign("-G", "-W", "-p", pub, "-s", sec)
        keys[name] = (open(pub).read().splitlines()[1].strip(), sec)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=served))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d/fleet.ini" % server.server_address[1]
    cache = os.path.join(work, "cache.db")
    local = os.path.join(work, "local.ini")
    with open(local, "w") as f:
        f.write("[source local]\nlocation = %s\n[remote]\nconfig_url = %s\nallow_http = true\npaths = %s\n"
                "public_key = %s\nrefresh = 3600\n[cache]\npath = %s\n" % (demo, url, allowed, keys["fleet"][0], cache))
    env = dict(os.environ, STATE_DIRECTORY=state, SDL_VIDEODRIVER="dummy")
    kept = os.path.join(state, "remote.ini")
    fleet_file, sig_file = os.path.join(served, "fleet.ini"), os.path.join(served, "fleet.ini.minisig")
    published = [0]

    def publish(text, key="fleet", alter=None, signed=True, comment=None, legacy=False):
        with open(fleet_file, "w") as f:
            f.write(text)
        if os.path.exists(sig_file):
            os.unlink(sig_file)
        if signed:
            minisign("-S", *(["-l"] if legacy else []), "-s", keys[key][1], "-m", fleet_file, "-x", sig_file, "-t",
                     "fleet file %d" % published[0])
        if comment:
            lines = open(sig_file).read().split("\n")
            lines[2] = "trusted comment: " + comment
            open(sig_file, "w").write("\n".join(lines))
        if alter:
            with open(fleet_file, "w") as f:
                f.write(alter)
        published[0] += 1
        stamp = time.time() - 3600 + 60 * published[0]
        os.utime(fleet_file, (stamp, stamp))

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

    def start():
        global kiosk
        kiosk = subprocess.Popen([ticker, "--headless", "-v", "-c", local], env=env, stderr=log_file,
                                 stdout=subprocess.DEVNULL)
        return kiosk.pid

    good = "[source fleet]\nlocation = %s\n" % source
    pid = start()
    wait_for(r"cache .*: 0 items on screen at start", 0, "the kiosk up")
    mark = len(log())
    publish(good)
    os.kill(pid, signal.SIGHUP)
    text = wait_for(re.escape(source) + r": 3 items", mark, "the signed file applied")
    if "applied without a restart" not in text:
        fail("a well signed file was not applied live:\n" + text)
    print("signed: %s" % [line for line in text.splitlines() if "accepted" in line][0])

    for what, kwargs, reason in (
            ("altered after signing", dict(alter=good + "[display]\ntitle = Giả mạo\n"), "does not match the file"),
            ("unsigned", dict(signed=False), "no signature"),
            ("another key", dict(key="other"), "made with another key"),
            ("trusted comment altered", dict(comment="fleet file 999"), "trusted comment was altered")):
        mark = len(log())
        before = open(kept, "rb").read()
        publish(good + "[display]\ntitle = %s\n" % what, **kwargs)
        os.kill(pid, signal.SIGHUP)
        text = wait_for(r"refused, nothing changed", mark, what + " refused")
        if reason not in text or "accepted" in text or open(kept, "rb").read() != before:
            fail("%s: not refused with %r:\n%s" % (what, reason, text))
        print("%s: %s" % (what, [line for line in text.splitlines() if "refused" in line][0]))
    # minisign -l: the legacy signature of the file itself (not prehashed).
    mark = len(log())
    publish(good + "[display]\ntitle = legacy\n", legacy=True)
    os.kill(pid, signal.SIGHUP)
    text = wait_for(r"accepted|refused", mark, "the legacy signature")
    if "applied without a restart" not in text:
        fail("a good legacy signature was not accepted:\n" + text)
    kiosk.send_signal(signal.SIGTERM)
    if kiosk.wait(timeout=60) != 0:
        fail("the kiosk exited %d" % kiosk.returncode)

    # The kept copy is checked at every start: its signature gone, it is set aside.
    os.unlink(kept + ".minisig")
    mark = len(log())
    pid = start()
    text = wait_for(r"set aside as \.refused", mark, "the unsigned kept copy set aside")
    if "no signature" not in text:
        fail("the kept copy was set aside without the reason:\n" + text)
    kiosk.send_signal(signal.SIGTERM)
    kiosk.wait(timeout=60)
    kiosk = None
    print("signed fleet files: ok")
finally:
    if kiosk is not None and kiosk.poll() is None:
        kiosk.kill()
        kiosk.wait()
    shutil.rmtree(work, ignore_errors=True)
