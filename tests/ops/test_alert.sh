#!/usr/bin/env bash
# End to end: an alert text file and a CAP document take over the screen,
# then expire, then clear — in screenshots (scene, pure) and through the
# fetch loop and the cache (kept across runs, cleared when the file goes or
# a CAP Cancel arrives).
set -euo pipefail
ticker=$1
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export TZ=Asia/Ho_Chi_Minh
demo="$here/../assets/demo/trien-lam.rss"

cp "$here/fixtures/alerts/closing.txt" "$work/alert.txt"
cp "$here/fixtures/alerts/cap-extreme.xml" "$work/cap.xml"
cat >"$work/plain.ini" <<INI
[source demo]
location = $demo
INI
cat >"$work/text.ini" <<INI
[source demo]
location = $demo
[source closing]
location = $work/alert.txt
type = alert
severity = moderate
expire_after = 3600
INI
cat >"$work/cap.ini" <<INI
[source demo]
location = $demo
[source security]
location = $work/cap.xml
type = alert
INI

# The colour of one pixel of a PNG the ticker wrote (8-bit RGB or RGBA, no interlace).
pixel() {
  python3 - "$1" "$2" "$3" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
x, y = int(sys.argv[2]), int(sys.argv[3])
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
bpp = {2: 3, 6: 4}[ctype]
raw, stride, prev, rows = zlib.decompress(idat), w * bpp, bytearray(w * bpp), []
for r in range(y + 1):
    f, line = raw[r * (stride + 1)], bytearray(raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        p = a + b - c
        pred = a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else b if abs(p - b) <= abs(p - c) else c
        line[i] = (line[i] + [0, a, b, (a + b) // 2, pred][f]) & 0xFF
    prev = line
print("%d,%d,%d" % tuple(prev[x * bpp:x * bpp + 3]))
PY
}
shot() { "$ticker" screenshot -c "$1" -o "$2" --clock "$3" --at 3 --size 960x540 2>>"$work/log"; }

# The text alert (moderate: an amber band where the featured panel was),
# written at the file's mtime, expire_after 1 h.
touch -d '2026-11-22 14:00' "$work/alert.txt"
shot "$work/plain.ini" "$work/plain-1405.png" '2026-11-22 14:05'
shot "$work/text.ini" "$work/text-1405.png" '2026-11-22 14:05'
cmp -s "$work/plain-1405.png" "$work/text-1405.png" && fail "the text alert did not change the screen"
[ "$(pixel "$work/text-1405.png" 480 100)" = "255,179,0" ] || fail "no amber band: $(pixel "$work/text-1405.png" 480 100)"
[ "$(pixel "$work/text-1405.png" 5 5)" != "255,179,0" ] || fail "a moderate alert covered the header"
# Expired an hour after the file was written: the screen is the plain one, pixel for pixel.
shot "$work/plain.ini" "$work/plain-1501.png" '2026-11-22 15:01'
shot "$work/text.ini" "$work/text-1501.png" '2026-11-22 15:01'
cmp -s "$work/plain-1501.png" "$work/text-1501.png" || fail "the text alert is still shown after it expired"

# The CAP document (Extreme: the whole screen red, expires 15:00 +07).
shot "$work/cap.ini" "$work/cap-1405.png" '2026-11-22 14:05'
[ "$(pixel "$work/cap-1405.png" 5 5)" = "183,28,28" ] || fail "CAP extreme is not full-screen red: $(pixel "$work/cap-1405.png" 5 5)"
[ "$(pixel "$work/cap-1405.png" 950 535)" = "183,28,28" ] || fail "the crawl shows under a full-screen alert"
shot "$work/cap.ini" "$work/cap-1501.png" '2026-11-22 15:01'
cmp -s "$work/plain-1501.png" "$work/cap-1501.png" || fail "the CAP alert is still shown after its <expires>"

# Cleared: no file at all is no alert, and no error.
rm "$work/alert.txt"
: >"$work/log"
shot "$work/text.ini" "$work/gone-1405.png" '2026-11-22 14:05'
cmp -s "$work/plain-1405.png" "$work/gone-1405.png" || fail "a removed alert file still shows"
grep -qi "error" "$work/log" && fail "a removed alert file is logged as an error: $(cat "$work/log")"

# Through the fetch loop and the cache: the alerts are stored (a reboot
# keeps them), and leave the cache when the file goes or a CAP Cancel comes.
cp "$here/fixtures/alerts/closing.txt" "$work/alert.txt"
# (expired alerts leave the cache at once: this copy expires in 2099)
sed 's/<expires>2026-11-22T15:00:00+07:00/<expires>2099-01-01T07:00:00+07:00/' "$here/fixtures/alerts/cap-extreme.xml" >"$work/cap.xml"
cat "$work/text.ini" >"$work/both.ini"
sed -n '/\[source security\]/,$p' "$work/cap.ini" >>"$work/both.ini"
db="$work/cache.db"
"$ticker" fetch -c "$work/both.ini" --cache "$db" --cycles 1 >/dev/null 2>>"$work/log"
"$ticker" cache --cache "$db" >"$work/cached.json"
grep -q '"severity":"moderate"' "$work/cached.json" || fail "text alert not cached: $(cat "$work/cached.json")"
grep -q '"severity":"extreme","expires":"2099-01-01T00:00:00Z"' "$work/cached.json" ||
  fail "CAP alert not cached with its expiry: $(cat "$work/cached.json")"
rm "$work/alert.txt"
cat >"$work/cap.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>TL-2026-0043</identifier>
  <sender>an-ninh@trienlam.example.vn</sender>
  <sent>2026-11-22T14:20:00+07:00</sent>
  <status>Actual</status>
  <msgType>Cancel</msgType>
  <scope>Public</scope>
  <references>an-ninh@trienlam.example.vn,TL-2026-0042,2026-11-22T14:00:00+07:00</references>
</alert>
XML
sleep 1 # a new mtime
"$ticker" fetch -c "$work/both.ini" --cache "$db" --cycles 1 >/dev/null 2>>"$work/log"
"$ticker" cache --cache "$db" >"$work/cached2.json"
grep -q '"severity"' "$work/cached2.json" && fail "alerts still cached after the file went and the Cancel: $(cat "$work/cached2.json")"
grep -q '"kind"' "$work/cached2.json" || fail "the headlines went with the alerts: $(cat "$work/cached2.json")"

# A CAP feed over HTTP from a source of type alert: cached with its
# expiry, then gone after a Cancel is published. (The same URL as an
# ordinary source raises nothing: tests/ops/test_alert_sources.sh.)
mkdir "$work/srv"
sed 's/<expires>2026-11-22T15:00:00+07:00/<expires>2099-01-01T07:00:00+07:00/' "$here/fixtures/alerts/cap-extreme.xml" >"$work/srv/cap.xml"
python3 - "$work/srv" >"$work/port" <<'PY' &
import functools, http.server, sys
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=sys.argv[1]))
print(server.server_address[1], flush=True)
server.serve_forever()
PY
server_pid=$!
trap 'kill $server_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$work/port")/cap.xml"
printf '[source cap]\nlocation = %s\ntype = alert\n' "$url" >"$work/http.ini"
db2="$work/http.db"
"$ticker" fetch -c "$work/http.ini" --cache "$db2" --cycles 1 >/dev/null 2>>"$work/log"
"$ticker" cache --cache "$db2" | grep -q '"severity":"extreme","expires":"2099-01-01T00:00:00Z"' ||
  fail "the CAP feed over HTTP was not cached as an alert: $("$ticker" cache --cache "$db2")"
sleep 1 # a newer Last-Modified
cp "$work/cap.xml" "$work/srv/cap.xml" # the Cancel
"$ticker" fetch -c "$work/http.ini" --cache "$db2" --cycles 1 >/dev/null 2>>"$work/log"
[ -z "$("$ticker" cache --cache "$db2")" ] || fail "the cancelled CAP alert is still cached: $("$ticker" cache --cache "$db2")"
echo "alerts end to end: ok"
