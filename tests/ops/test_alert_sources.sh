#!/usr/bin/env bash
# End to end, who may raise an alert (docs/trust.md): only a source the
# operator marked type = alert. A CAP alert inside an ordinary feed neither
# fills the screen nor wakes one the schedule has off, and the feed's news
# stays; a text alert served over HTTP by a type = alert source is an
# alert, as the same file is; CAP Private/Restricted alerts need cap_scope;
# a feed that names the CAP namespace is read like any feed.
set -euo pipefail
ticker=$1
work=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export TZ=Asia/Ho_Chi_Minh
ns="urn:oasis:names:tc:emergency:cap:1.2"

cap_alert() { # PREFIX SCOPE: one current CAP alert (expires 2099)
  local p=$1 s=$2
  printf '<%salert xmlns%s="%s"><%sidentifier>X-%s</%sidentifier><%ssender>ops@example.vn</%ssender>' \
    "$p" "${p:+:${p%:}}" "$ns" "$p" "$s" "$p" "$p" "$p"
  printf '<%ssent>2026-11-22T14:00:00+07:00</%ssent><%sstatus>Actual</%sstatus><%smsgType>Alert</%smsgType>' \
    "$p" "$p" "$p" "$p" "$p" "$p"
  printf '<%sscope>%s</%sscope><%sinfo><%sevent>So tan</%sevent><%sseverity>Extreme</%sseverity>' \
    "$p" "$s" "$p" "$p" "$p" "$p" "$p" "$p"
  printf '<%sexpires>2099-01-01T00:00:00+07:00</%sexpires><%sheadline>Sơ tán ngay (%s)</%sheadline></%sinfo></%salert>' \
    "$p" "$p" "$p" "$s" "$p" "$p" "$p"
}
# An ordinary news feed with a CAP alert inside its third item.
{
  printf '<?xml version="1.0"?><rss version="2.0" xmlns:cap="%s"><channel><title>Tin</title>' "$ns"
  printf '<item><title>Khai mạc triển lãm ảnh</title><guid>n1</guid></item>'
  printf '<item><title>Giờ mở cửa cuối tuần</title><guid>n2</guid></item>'
  printf '<item><title>Thông tin an ninh</title><guid>n3</guid>%s</item></channel></rss>\n' "$(cap_alert cap: Public)"
} >"$work/news.rss"

# dump: three headlines, no alert.
"$ticker" dump "$work/news.rss" >"$work/dump.json" 2>"$work/log"
[ "$(grep -c '"title"' "$work/dump.json")" = 3 ] || fail "the feed's news did not stay: $(cat "$work/dump.json")"
grep -q '"severity"' "$work/dump.json" && fail "CAP in an ordinary feed raised an alert: $(cat "$work/dump.json")"
grep -q 'Khai mạc triển lãm ảnh' "$work/dump.json" || fail "the first headline is missing"

# The screen off by the schedule stays off (black), and on it is not red.
cat >"$work/news.ini" <<INI
[schedule]
daily = 08:00-18:00
[source news]
location = $work/news.rss
INI
black() {
  python3 - "$1" <<'PY'
import struct, sys, zlib
data, pos, idat = open(sys.argv[1], "rb").read(), 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", data[pos + 8:pos + 18])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * {2: 3, 6: 4}[ctype] + 1
rows = [raw[i + 1:i + stride] for i in range(0, len(raw), stride)]
sys.exit(0 if all(not any(r) for r in rows) else 1)
PY
}
"$ticker" screenshot -c "$work/news.ini" --size 640x360 -o "$work/night.png" --clock '2026-11-23 23:00' 2>"$work/log"
black "$work/night.png" || fail "CAP in an ordinary feed woke the screen the schedule has off"
"$ticker" screenshot -c "$work/news.ini" --size 640x360 -o "$work/day.png" --clock '2026-11-23 14:00' --at 3 2>"$work/log"
python3 - "$work/day.png" <<'PY' || fail "CAP in an ordinary feed filled the screen in red"
import struct, sys, zlib
data, pos, idat = open(sys.argv[1], "rb").read(), 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", data[pos + 8:pos + 18])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
bpp = {2: 3, 6: 4}[ctype]
raw = zlib.decompress(idat)
# The alert red (183,28,28) at the top-left corner means a full-screen
# alert. The first pixel of the first row is its bytes under every PNG
# filter (nothing left of it or above it).
sys.exit(1 if tuple(raw[1:4]) == (183, 28, 28) else 0)
PY

# Over HTTP: a text message and CAP from type = alert sources are alerts;
# the same CAP from an ordinary source is not.
mkdir "$work/srv"
printf 'Nhà triển lãm đóng cửa sau 15 phút\nKính mời quý khách ra về.\n' >"$work/srv/alert.txt"
{ printf '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
  for s in Public Restricted Private; do printf '<entry>%s</entry>' "$(cap_alert "" $s)"; done
  printf '</feed>\n'; } >"$work/srv/cap.xml"
cp "$work/news.rss" "$work/srv/news.rss"
{ printf '<?xml version="1.0"?><!-- we also publish %s alerts --><rss version="2.0" xmlns:cap="%s">' "$ns" "$ns"
  printf '<channel><title>Tin</title><item><title>Một tin bình thường</title><guid>m1</guid></item></channel></rss>\n'
} >"$work/srv/mentions.rss"
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
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$work/port")"
cat >"$work/http.ini" <<INI
[source closing]
location = $base/alert.txt
type = alert
severity = moderate
[source security]
location = $base/cap.xml
type = alert
[source news]
location = $base/news.rss
[source mentions]
location = $base/mentions.rss
INI
"$ticker" dump -c "$work/http.ini" >"$work/http.json" 2>"$work/log" || fail "dump: $(cat "$work/log")"
grep -q '"title":"Nhà triển lãm đóng cửa sau 15 phút".*"severity":"moderate"' "$work/http.json" ||
  fail "a text alert over HTTP is not an alert: $(grep 'đóng cửa' "$work/http.json")"
grep -q 'Sơ tán ngay (Public).*"severity":"extreme"' "$work/http.json" || fail "the public CAP alert is missing"
grep -q '(Private)\|(Restricted)' "$work/http.json" && fail "a Private/Restricted CAP alert was shown by default"
[ "$(grep -c '"severity"' "$work/http.json")" = 2 ] || fail "alerts from ordinary sources: $(cat "$work/http.json")"
grep -q 'Giờ mở cửa cuối tuần' "$work/http.json" || fail "the news of the feed holding CAP went"
grep -q 'Một tin bình thường' "$work/http.json" || fail "a feed naming the CAP namespace was refused: $(cat "$work/log")"

# Through the fetch loop and the cache, the same.
"$ticker" fetch -c "$work/http.ini" --cache "$work/c.db" --cycles 1 >/dev/null 2>"$work/log"
"$ticker" cache --cache "$work/c.db" >"$work/cached.json"
grep -q 'đóng cửa sau 15 phút.*"severity":"moderate"' "$work/cached.json" ||
  fail "the fetch loop took the text alert over HTTP for a headline: $(cat "$work/cached.json")"
[ "$(grep -c '"severity"' "$work/cached.json")" = 2 ] || fail "cached alerts: $(cat "$work/cached.json")"
grep -q 'Một tin bình thường' "$work/cached.json" || fail "the fetch loop refused the feed naming CAP"

# cap_scope = public, restricted, private: a staff screen shows them all.
sed 's|^location = .*/cap.xml$|&\ncap_scope = public, restricted, private|' "$work/http.ini" >"$work/staff.ini"
"$ticker" dump -c "$work/staff.ini" >"$work/staff.json" 2>"$work/log"
grep -q '(Private).*"severity":"extreme"' "$work/staff.json" || fail "cap_scope did not show the Private alert"
grep -q '(Restricted).*"severity":"extreme"' "$work/staff.json" || fail "cap_scope did not show the Restricted alert"
echo "alert sources: ok"
