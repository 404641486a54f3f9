#!/usr/bin/env bash
# End to end: `ticker dump` on the seeds, the demo content, fixtures, a local
# HTTP server and broken sources. $1 is the ticker binary.
set -euo pipefail
ticker=$1
: "${SEEDS_DIR:?}" "${FIXTURES_DIR:?}"
work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# No user or system config may leak in.
export HOME=$work XDG_CONFIG_HOME=$work/config
unset TICKER_CONFIG

fail() { echo "FAIL: $*" >&2; exit 1; }

# Checks the JSON lines in $1 with a Python expression per case.
check() {
  python3 - "$@" <<'PY'
import json, sys, unicodedata
path, what = sys.argv[1], sys.argv[2]
items = [json.loads(line) for line in open(path, encoding="utf-8")]
keys = ["id", "kind", "title", "summary", "captions", "source", "link", "published"]
for it in items:
    assert list(it) in (keys, keys + ["pictures"]), f"keys {list(it)}"  # pictures only when there are some
    for k in keys:
        v = it[k]
        for s in (v if isinstance(v, list) else [v]):
            assert unicodedata.is_normalized("NFC", s), f"not NFC: {s!r}"
    assert it["kind"] in ("news", "dialogue", "infographic", "video")
    assert it["published"] == "" or (len(it["published"]) == 20 and it["published"].endswith("Z"))
    assert it["title"] and it["id"]
    assert not it["title"].startswith("[")
if what == "seed000":
    lines = [l.rstrip("\n") for l in open(sys.argv[3], encoding="utf-8")]
    a = items[0]
    assert a["title"] == lines[0] and a["kind"] == "dialogue", a
    assert a["summary"] == lines[1]
    assert any(c.startswith("Thượng tướng Hoàng Xuân Chiến") for c in a["captions"])
    info = [i for i in items if i["kind"] == "infographic"]
    assert len(info) == 6, len(info)
    assert {i["title"] for i in info} == {l[len("[Infographic] "):] for l in lines if l.startswith("[Infographic] ")}
    videos = {l[len("[Video] "):] for l in lines if l.startswith("[Video] ")}
    assert videos == {i["title"] for i in items if i["kind"] == "video"}
    titles = {i["title"] for i in items}
    start = lines.index("Tin bài liên quan")
    for l in lines[1:start] + ["Tin bài liên quan", "Các tin bài khác", "Đọc nhiều", "Bờ cõi biển đảo", "Multimedia"]:
        assert l not in titles, l
    assert not any(t.startswith("Miền đất - Con người") for t in titles)
elif what == "seed001":
    assert len(items) == 1, len(items)
    assert items[0]["kind"] == "dialogue"
elif what == "demo":
    assert 8 <= len(items) <= 12, len(items)
    assert {i["kind"] for i in items} == {"news", "dialogue", "infographic", "video"}
    assert all(i["published"] for i in items)
    assert any(i["captions"] for i in items)
elif what.startswith("count="):
    assert len(items) == int(what[6:]), len(items)
print(f"ok {what}: {len(items)} items")
PY
}

# The must-show cases on the seeds.
"$ticker" dump "$SEEDS_DIR/000_4898ecc7a27e8ad6.txt" >"$work/000.jsonl" || fail "dump of seed 000 failed"
check "$work/000.jsonl" seed000 "$SEEDS_DIR/000_4898ecc7a27e8ad6.txt"
"$ticker" dump "$SEEDS_DIR/001_d6a304863a5f4f06.txt" >"$work/001.jsonl" || fail "dump of seed 001 failed"
check "$work/001.jsonl" seed001

# No source at all: the bundled demo content.
"$ticker" dump >"$work/demo.jsonl" 2>"$work/demo.err" || fail "demo dump failed: $(cat "$work/demo.err")"
[ ! -s "$work/demo.err" ] || fail "demo dump complained: $(cat "$work/demo.err")"
check "$work/demo.jsonl" demo

# Sources from a config file; a SOURCE argument replaces them.
cat >"$work/ticker.ini" <<INI
[source seeds]
location = $SEEDS_DIR
INI
"$ticker" dump -c "$work/ticker.ini" >"$work/config.jsonl"
check "$work/config.jsonl" count=$(( $(wc -l <"$work/000.jsonl") + 1 ))
"$ticker" dump -c "$work/ticker.ini" "$SEEDS_DIR/001_d6a304863a5f4f06.txt" >"$work/override.jsonl"
check "$work/override.jsonl" count=1

# One bad source among good ones: one error line naming it, the others dumped, status 0.
printf '\x89PNG\r\n\x1a\n\0\0\0' >"$work/garbage.png"
: >"$work/empty.rss"
status=0
"$ticker" dump "$FIXTURES_DIR/vnexpress.rss" "$work/missing.rss" "$work/garbage.png" "$work/empty.rss" \
  "$FIXTURES_DIR/atom.xml" >"$work/mixed.jsonl" 2>"$work/mixed.err" || status=$?
[ "$status" -eq 0 ] || fail "mixed sources: status $status"
check "$work/mixed.jsonl" count=6
[ "$(grep -c 'error:' "$work/mixed.err")" -eq 3 ] || fail "want 3 error lines, got: $(cat "$work/mixed.err")"
# atom.xml's entry has <updated>not a date</updated>: said once, as a warning
grep -q 'warning: atom.xml: 1 date could not be read (the first: "not a date")' "$work/mixed.err" ||
  fail "no warning for atom.xml's unreadable date: $(cat "$work/mixed.err")"
grep -q "missing.rss: cannot open: No such file" "$work/mixed.err" || fail "missing file not named"
grep -q "garbage.png: binary data" "$work/mixed.err" || fail "garbage not named"
grep -q "empty.rss: empty" "$work/mixed.err" || fail "empty file not named"

# Nothing at all: non-zero.
if "$ticker" dump "$work/missing.rss" "$work/empty.rss" >"$work/none.jsonl" 2>"$work/none.err"; then
  fail "no items should give a non-zero status"
fi
[ ! -s "$work/none.jsonl" ] || fail "output without items"

# A 50 MB file: refused by size, quickly, with the limit named.
python3 - "$work/big.rss" <<'PY'
import sys
item = "<item><title>Hội đàm quốc phòng</title><link>https://example.vn/a</link></item>\n"
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write('<rss version="2.0"><channel><title>Lớn</title>\n')
    f.write(item * (50 * 1024 * 1024 // len(item.encode())))
    f.write("</channel></rss>\n")
PY
if "$ticker" dump "$work/big.rss" >/dev/null 2>"$work/big.err"; then fail "50 MB file accepted"; fi
grep -q "big.rss: 50.0 MB is over the input limit" "$work/big.err" || fail "big file: $(cat "$work/big.err")"

# URLs, from a server on 127.0.0.1: a feed, a 404, an over-size response, a redirect.
mkdir "$work/www"
cp "$FIXTURES_DIR/tuoitre.rss" "$work/www/feed.rss"
head -c 3000000 /dev/zero | tr '\0' 'a' >"$work/www/large.txt"
python3 -u - "$work/www" >"$work/server.log" 2>&1 <<'PY' &
import http.server, functools, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/moved":
            self.send_response(302); self.send_header("Location", "/feed.rss"); self.end_headers(); return
        super().do_GET()
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=sys.argv[1]))
print("port", server.server_address[1], flush=True)
server.serve_forever()
PY
server_pid=$!
for _ in $(seq 300); do grep -q '^port' "$work/server.log" && break; sleep 0.1; done
port=$(awk '/^port/ {print $2}' "$work/server.log")
[ -n "$port" ] || fail "test server did not start: $(cat "$work/server.log")"
base="http://127.0.0.1:$port"
cat >"$work/small.ini" <<INI
[fetch]
max_bytes = 1048576
INI
status=0
"$ticker" dump -c "$work/small.ini" "$base/feed.rss" "$base/nothing.rss" "$base/large.txt" "$base/moved" \
  >"$work/url.jsonl" 2>"$work/url.err" || status=$?
[ "$status" -eq 0 ] || fail "URL sources: status $status, $(cat "$work/url.err")"
check "$work/url.jsonl" count=4
grep -q "nothing.rss: HTTP status 404" "$work/url.err" || fail "404: $(cat "$work/url.err")"
grep -q "large.txt: the response is over the input limit of 1048576 bytes" "$work/url.err" || fail "size cap: $(cat "$work/url.err")"
# Options before the command work as after it: `ticker -c FILE dump` dumps
# (the old parser took "dump" for a source and started the kiosk).
status=0
timeout 30 "$ticker" -c "$work/small.ini" dump --verbose "$base/feed.rss" >"$work/before.jsonl" 2>"$work/before.err" \
  || status=$?
[ "$status" -eq 0 ] || fail "options before the command: status $status, $(head -c 400 "$work/before.err")"
check "$work/before.jsonl" count=2
grep -q "debug" "$work/before.err" || fail "options on both sides of the command: --verbose after it was lost"
# A reader that stops early (`ticker dump | head`) is no error: the pipe's
# end closed before the first line was written said "dump: cannot write to
# standard output" and exited 1.
python3 - "$ticker" "$FIXTURES_DIR/vnexpress.rss" <<'PY' || fail "dump into a closed pipe"
import subprocess, sys
p = subprocess.Popen([sys.argv[1], "-c", "/dev/null", "dump", sys.argv[2]], stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE)
p.stdout.close()  # the reader is gone before any item is written
err = p.stderr.read().decode()
if p.wait() != 0 or "cannot write" in err:
    sys.exit("status %d, stderr: %s" % (p.returncode, err))
PY
echo "all dump tests passed"
