#!/usr/bin/env python3
"""Pictures from untrusted input, end to end through `ticker screenshot`
and `ticker run` (a server of its own on 127.0.0.1):

- a FIFO named as a picture on a stick: the screenshot still ends (before,
  the picture thread waited in fopen for ever and so did the program);
- a feed from the network naming file:// and absolute pictures: refused
  with the reason, the local file never drawn;
- a captive portal's 200 HTML page or an empty 200 for a picture is not
  kept: once the network is right the picture is fetched again and shown;
  a picture cached before a bad answer is still shown after it;
- a decompression bomb in both caches under a 1.1 GB address-space limit
  (a Pi 3): the kiosk starts 3 of 3 times (TICKER_BOMB_STARTS=N: N), before
  it aborted at every start, offline too.

  test_picture_trust.py TICKER"""
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PHOTO = os.path.join(ROOT, "assets", "demo", "pictures", "khu-trung-bay.jpg")
LOGO = os.path.join(ROOT, "assets", "demo", "pictures", "con-so.png")
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Tin</title><link>https://example.vn/</link>
{items}</channel></rss>
"""
ITEM = """<item><title>Tin {n} có ảnh</title><link>https://example.vn/{n}</link><guid>tin-{n}</guid>
<description>Một tin.</description><enclosure url="{url}" type="image/jpeg" length="1"/></item>
"""
# A 43-byte GIF of one 14000x14000 frame (as tests/common/picture_bombs.h
# makes it): 888 MB to decode before.
BOMB = (b"GIF89a" + (14000).to_bytes(2, "little") * 2 + bytes([0x80, 0, 0, 0, 0, 0, 255, 255, 255])
        + bytes([0x21, 0xF9, 4, 0, 0, 0, 0, 0]) + bytes([0x2C, 0, 0, 0, 0]) + (14000).to_bytes(2, "little") * 2
        + bytes([0, 2, 2, 0x44, 0x01, 0, 0x3B]))
assert len(BOMB) == 43

failures = []


def check(ok, what):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures.append(what)


def feed(*urls):
    return FEED.format(items="".join(ITEM.format(n=i, url=u) for i, u in enumerate(urls)))


class Server:
    """Serves /feed.xml and /photo.jpg; mode says what the photo is."""

    def __init__(self):
        self.mode = "photo"
        self.feed = ""
        self.requests = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                outer.requests.append(self.path)
                body, kind = outer.answer(self.path)
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def answer(self, path):
        if path.startswith("/feed"):
            return self.feed.encode(), "application/rss+xml"
        if path.startswith("/bomb"):
            return BOMB, "image/gif"
        if self.mode == "portal":
            return "<html><body>Đăng nhập Wi-Fi khách sạn</body></html>".encode(), "text/html"
        if self.mode == "empty":
            return b"", "image/jpeg"
        with open(PHOTO, "rb") as f:
            return f.read(), "image/jpeg"


def run(ticker, args, timeout=90, limit_kb=None):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_RENDER_DRIVER="software")
    command = [ticker] + args
    if limit_kb:
        command = ["bash", "-c", 'ulimit -v %d && exec "$@"' % limit_kb, "ticker"] + command
    try:
        r = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
        return r.returncode, r.stderr
    except subprocess.TimeoutExpired as e:
        return "timeout", (e.stderr or b"").decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")


def shot(ticker, work, source, cache="cache"):
    return run(ticker, ["screenshot", "--cache", os.path.join(work, cache, "cache.db"), "-o",
                        os.path.join(work, "shot.png"), source])


def fifo_on_a_stick(ticker, work):
    stick = os.path.join(work, "stick")
    os.makedirs(stick)
    os.mkfifo(os.path.join(stick, "photo.jpg"))
    with open(os.path.join(stick, "tin.xml"), "w", encoding="utf-8") as f:
        f.write(feed("photo.jpg"))
    status, log = shot(ticker, work, os.path.join(stick, "tin.xml"))
    check(status == 0, "a FIFO as a picture: the screenshot ends (%s)" % status)
    check("FIFO" in log and "photo.jpg" in log, "the log names the FIFO and why it was not read")


def local_files_from_the_network(ticker, work, server):
    secret = os.path.join(work, "secret.png")
    shutil.copy(LOGO, secret)
    server.feed = feed("file://" + secret, secret)
    status, log = shot(ticker, work, server.url + "/feed.xml", cache="remote")
    check(status == 0, "a network feed naming local pictures: screenshot made")
    check(log.count("a document from the network may name only http(s) pictures") >= 1,
          "its file:// picture is refused with the reason")
    check("secret.png: cannot" not in log, "the local file is never opened")


def portal_answers(ticker, work, server):
    server.feed = feed(server.url + "/photo.jpg")
    for mode in ("portal", "empty"):
        server.mode = mode
        status, log = shot(ticker, work, server.url + "/feed.xml", cache=mode)
        check(status == 0 and "photo.jpg" in log, "a %s answer for a picture: shown without it, said why" % mode)
        server.mode = "photo"
        server.requests.clear()
        status, log = shot(ticker, work, server.url + "/feed.xml", cache=mode)
        fetched = any(p.startswith("/photo.jpg") for p in server.requests)
        check(fetched, "after a %s answer the picture is fetched again (not served from the cache)" % mode)
        check("photo.jpg" not in log, "and shown: no failure logged for it")
    server.mode = "portal"  # the picture is cached now: a bad answer later changes nothing
    status, log = shot(ticker, work, server.url + "/feed.xml", cache="portal")
    check("photo.jpg" not in log, "a picture cached before a bad answer is still shown after it")


def bomb_in_the_caches(ticker, work, server):
    server.feed = feed(server.url + "/bomb.gif")
    cache = os.path.join(work, "bomb", "cache.db")
    status, log = run(ticker, ["fetch", "--cycles", "1", "--cache", cache, server.url + "/feed.xml"])
    check(status == 0, "the feed with a bomb fetched into the item cache")
    status, log = run(ticker, ["screenshot", "--cache", cache, "-o", os.path.join(work, "bomb.png"),
                               server.url + "/feed.xml"])
    check("over the budget" in log, "the bomb is refused from its header, naming why")
    server.httpd.shutdown()  # offline from now on: item and picture come back from the caches
    if run(ticker, ["--version"], limit_kb=1100000)[0] != 0:
        print("skip: this build cannot start under an address-space limit at all (AddressSanitizer)")
        return
    starts = int(os.environ.get("TICKER_BOMB_STARTS", "3"))  # 10 for the figures in the notes
    started = 0
    for _ in range(starts):
        status, log = run(ticker, ["run", "--headless", "--duration", "3", "--cache", cache,
                                   server.url + "/feed.xml"], limit_kb=1100000)
        started += status == 0
        if status != 0:
            print(log[-2000:])
    check(started == starts, "under ulimit -v 1100000 with a bomb in its caches the kiosk started %d of %d times"
          % (started, starts))


def main():
    ticker = sys.argv[1]
    work = tempfile.mkdtemp(prefix="ticker-picture-trust-")
    server = Server()
    try:
        fifo_on_a_stick(ticker, work)
        local_files_from_the_network(ticker, work, server)
        portal_answers(ticker, work, server)
        bomb_in_the_caches(ticker, work, server)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (0 if failures else 1, 1 if failures else 0))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
