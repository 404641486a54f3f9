#!/usr/bin/env python3
"""A feed server for the fetch tests, on 127.0.0.1 only, with scripted
behaviours chosen by path. Prints its port on stdout, then serves.

Feeds come as RSS 2.0 (fmt=rss, the default) or as a tiny line format
(fmt=tsv: "#tsv-feed NAME" then "id<TAB>title" lines) that the C unit
tests parse without depending on the feed module.

  /feed?name=N&items=K[&ttl=M]  a fixed feed with an ETag and Last-Modified;
                                 answers 304 to If-None-Match / If-Modified-Since
  /feed-lm?...                   the same with Last-Modified only (no ETag)
  /gzip?...  /deflate?...        the same feed compressed when the client accepts it
  /redirect/N?...                N redirects, then the feed
  /to-file                       a redirect to file:///etc/hostname
  /cookie-wall?...               a cookie wall: without the cookie "wall=passed", a 302 back to the
                                 same URL that sets it; with it, the feed
  /s/NAME?...                    a feed whose behaviour /mode?name=NAME&to=MODE
                                 switches: ok, hang, trickle, 500, 503, truncated,
                                 huge, garbage, empty, fewer, changed
  /changing?name=N&items=K       new items at every request (seq in the ids)
  /slow/ANY?ms=N                  a feed after N ms (default 200)
  /hang /trickle /status/CODE[?retry_after=S] /truncated /huge /garbage
  /charset/windows-1258          a feed with no XML declaration in windows-1258 (tone marks as
                                 combining characters where the code page has no precomposed
                                 letter), named only by Content-Type; /charset/windows-1252 the same
                                 with curly quotes and é
  /picture/NAME                  a demo picture (assets/demo/pictures/NAME) as image/png or image/jpeg
  /stats                         JSON: requests, 304s, last request headers and arrival time
"""
import gzip
import json
import os
import random
import sys
import threading
import time
import zlib
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

LOCK = threading.Lock()
STATS = {"arrived_ms": {}, "requests": 0, "not_modified": 0, "by_path": {}, "headers": {}, "gzip_served": 0,
         "deflate_served": 0, "changing_seq": 0, "served": [], "active": 0, "max_active": 0}
MODES = {}
BORN = formatdate(1750000000, usegmt=True)


def make_feed(name, count, fmt, ttl=None, prefix=None, first=0):
    prefix = prefix or name
    if fmt == "tsv":
        lines = ["#tsv-feed %s" % name]
        if ttl:
            lines.append("#<ttl>%d</ttl>" % ttl)
        lines += ["%s-%d\tTin số %d của %s" % (prefix, k, k, name) for k in range(first, first + count)]
        return ("\n".join(lines) + "\n").encode()
    items = []
    for k in range(first, first + count):
        items.append(
            "<item><title>Tin số %d của %s: hội đàm cấp cao</title>"
            "<link>http://127.0.0.1/%s/%d</link><guid isPermaLink=\"false\">%s-%d</guid>"
            "<pubDate>%s</pubDate><description>Tóm tắt tin %d.</description></item>"
            % (k, name, name, k, prefix, k, formatdate(1750000000 + k * 60, usegmt=True), k))
    ttl_tag = "<ttl>%d</ttl>" % ttl if ttl else ""
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>%s</title>'
            "<link>http://127.0.0.1/</link><description>Thử nghiệm</description>%s%s</channel></rss>"
            % (name, ttl_tag, "".join(items))).encode()


CHARSET_TITLES = {
    "windows-1258": ["Hội đàm cấp cao Việt Nam – Lào về hợp tác quốc phòng", "Bảo tàng đón đoàn khách quốc tế"],
    "windows-1252": ["Museum’s new café opens “next week”", "Déjà vu: the façade returns"],
}


def encode_legacy(text, codec):
    """As Windows writes Vietnamese: a letter the code page has precomposed
    stays so, any other becomes its letter without the tone mark (â, ơ, ...)
    + a combining tone mark."""
    import unicodedata
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode(codec)
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
            out += base.encode(codec) + "".join(c for c in decomposed if c in tones).encode(codec)
    return out


def make_charset_feed(charset):
    titles = CHARSET_TITLES[charset]
    items = "".join("<item><title>%s</title><link>http://127.0.0.1/c/%d</link></item>" % (t, k)
                    for k, t in enumerate(titles))
    text = '<rss version="2.0"><channel><title>%s</title>%s</channel></rss>' % (titles[0].split()[0], items)
    return encode_legacy(text, charset.replace("windows-", "cp"))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes

    def log_message(self, fmt, *args):
        pass

    def q(self, key, default=None):
        return self.query.get(key, [default])[0]

    def send_body(self, body, status=200, headers=None, ctype="application/rss+xml; charset=utf-8"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def feed_params(self, name_default="feed"):
        name = self.q("name", name_default)
        return name, int(self.q("items", "3")), self.q("fmt", "rss"), (int(self.q("ttl")) if self.q("ttl") else None)

    def conditional(self, body, use_etag=True, encoding=None):
        etag = '"%08x"' % (zlib.crc32(body) & 0xffffffff)
        headers = {"Last-Modified": BORN}
        if use_etag:
            headers["ETag"] = etag
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if (use_etag and inm == etag) or (not use_etag and ims == BORN):
            with LOCK:
                STATS["not_modified"] += 1
            self.send_response(304)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        accepted = self.headers.get("Accept-Encoding", "")
        if encoding == "gzip" and "gzip" in accepted:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
            with LOCK:
                STATS["gzip_served"] += 1
        elif encoding == "deflate" and "deflate" in accepted:
            body = zlib.compress(body)
            headers["Content-Encoding"] = "deflate"
            with LOCK:
                STATS["deflate_served"] += 1
        self.send_body(body, headers=headers)

    # --- faults -----------------------------------------------------------
    def picture(self, name):
        pictures = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "assets", "demo", "pictures")
        if "/" in name or not os.path.isfile(os.path.join(pictures, name)):
            return self.status(404)
        with open(os.path.join(pictures, name), "rb") as f:
            body = f.read()
        return self.send_body(body, ctype="image/png" if name.endswith(".png") else "image/jpeg")

    def hang(self):
        time.sleep(3600)

    def trickle(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            for ch in b'<?xml version="1.0"?><rss version="2.0"><channel>' * 100:
                self.wfile.write(bytes([ch]))
                self.wfile.flush()
                time.sleep(1)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def status(self, code, retry_after=None):
        headers = {"Retry-After": retry_after} if retry_after else {}
        self.send_body(b"<html><body>error</body></html>", status=code, headers=headers, ctype="text/html")

    def truncated(self, name, fmt):
        body = make_feed(name, 20, fmt)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 3])
        self.wfile.flush()
        self.close_connection = True

    def huge(self):
        """100 MB without Content-Length: the client must cut it off itself."""
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<!-- padding padding padding padding padding padding padding -->\n" * 1024
        sent = 0
        try:
            while sent < 100 * 1024 * 1024:
                self.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def garbage(self):
        self.send_body(random.Random(7).randbytes(4096), ctype="application/octet-stream")

    def changing(self, name, count, fmt):
        with LOCK:
            STATS["changing_seq"] += 1
            seq = STATS["changing_seq"]
            STATS["served"].append(seq)
        body = make_feed(name, count, fmt, prefix="%s-s%d" % (name, seq))
        self.send_body(body, headers={"ETag": '"seq-%d"' % seq})

    def switchable(self, name, count, fmt, ttl):
        mode = MODES.get(name, "ok")
        if mode == "ok":
            return self.conditional(make_feed(name, count, fmt, ttl))
        if mode == "fewer":
            return self.conditional(make_feed(name, 1, fmt, ttl))
        if mode == "changed":
            return self.conditional(make_feed(name, count, fmt, ttl, first=100))
        if mode == "empty":
            return self.conditional(make_feed(name, 0, fmt, ttl))
        if mode == "hang":
            return self.hang()
        if mode == "trickle":
            return self.trickle()
        if mode == "500":
            return self.status(500)
        if mode == "503":
            return self.status(503, "120")
        if mode == "truncated":
            return self.truncated(name, fmt)
        if mode == "huge":
            return self.huge()
        if mode == "garbage":
            return self.garbage()
        self.status(400)

    def do_GET(self):
        # How many /slow/ answers are in progress at once (the client's
        # transfer limit); hung answers of earlier tests must not count.
        counted = self.path.startswith("/slow/")
        if counted:
            with LOCK:
                STATS["active"] += 1
                STATS["max_active"] = max(STATS["max_active"], STATS["active"])
        try:
            self.answer()
        finally:
            if counted:
                with LOCK:
                    STATS["active"] -= 1

    def answer(self):
        url = urlparse(self.path)
        self.query = parse_qs(url.query)
        path = url.path
        with LOCK:
            STATS["requests"] += 1
            STATS["by_path"][path] = STATS["by_path"].get(path, 0) + 1
            STATS["headers"][path] = dict(self.headers.items())
            STATS["arrived_ms"][path] = int(time.time() * 1000)
        name, count, fmt, ttl = self.feed_params()
        if path == "/stats":
            with LOCK:
                if self.q("reset_max"):
                    STATS["max_active"] = STATS["active"]
                return self.send_body(json.dumps(STATS).encode(), ctype="application/json")
        if path == "/mode":
            MODES[self.q("name")] = self.q("to")
            return self.send_body(b"ok", ctype="text/plain")
        if path == "/feed":
            return self.conditional(make_feed(name, count, fmt, ttl))
        if path == "/file":
            # A test's own file under /tmp, as it is now, whole each time
            # (no validators): a source the test rewrites between fetches.
            wanted = os.path.realpath(self.q("path", ""))
            if not wanted.startswith("/tmp/") or not os.path.isfile(wanted):
                return self.status(404)
            with open(wanted, "rb") as f:
                return self.send_body(f.read(), ctype=self.q("type", "application/atom+xml; charset=utf-8"))
        if path.startswith("/charset/") and path[9:] in CHARSET_TITLES:
            charset = path[9:]
            return self.send_body(make_charset_feed(charset), ctype="application/rss+xml; charset=" + charset)
        if path == "/feed-lm":
            return self.conditional(make_feed(name, count, fmt, ttl), use_etag=False)
        if path in ("/gzip", "/deflate"):
            return self.conditional(make_feed(name, count, fmt, ttl), encoding=path[1:])
        if path.startswith("/redirect/"):
            left = int(path.split("/")[2])
            target = "/redirect/%d?%s" % (left - 1, url.query) if left > 0 else "/feed?" + url.query
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path == "/cookie-wall":
            if "wall=passed" not in (self.headers.get("Cookie") or ""):
                self.send_response(302)
                self.send_header("Set-Cookie", "wall=passed; Path=/")
                self.send_header("Location", self.path)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            return self.conditional(make_feed(name, count, fmt, ttl))
        if path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/hostname")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path.startswith("/s/"):
            return self.switchable(path[3:], count, fmt, ttl)
        if path == "/changing":
            return self.changing(name, count, fmt)
        if path == "/hang":
            return self.hang()
        if path.startswith("/picture/"):
            return self.picture(path[9:])
        if path.startswith("/slow/"):
            time.sleep(int(self.q("ms", "200")) / 1000)
            return self.conditional(make_feed(name, count, fmt, ttl))
        if path == "/trickle":
            return self.trickle()
        if path.startswith("/status/"):
            return self.status(int(path.split("/")[2]), self.q("retry_after"))
        if path == "/truncated":
            return self.truncated(name, fmt)
        if path == "/huge":
            return self.huge()
        if path == "/garbage":
            return self.garbage()
        self.status(404)


class Server(ThreadingHTTPServer):
    # Clients connect to every source at once; past the default backlog of 5
    # a SYN is dropped and retried a second later, which a short connect
    # timeout would report instead of the fault being served.
    request_queue_size = 128


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = Server(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    # Clients that hang up mid-answer (timeouts, caps, SIGKILL) are the point of these tests.
    server.handle_error = lambda request, address: None
    print(server.server_address[1], flush=True)
    # End with the parent (tests close our stdin or kill us).
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
