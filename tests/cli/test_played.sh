#!/usr/bin/env bash
# End to end: what a headless run showed, from `ticker played` (CSV and
# JSON lines): the featured items with their start and end, crawl passes,
# the operator's pin ([editorial] pin) in the crawl; an item hidden with
# `ticker hide` before the run never shows, and `ticker unhide` undoes it.
set -euo pipefail
ticker=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
now=$(date -u -R)
cat >"$work/feed.rss" <<RSS
<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin</title>
<item><guid>a</guid><title>Hợp tác quốc phòng</title><link>https://x.test/a</link><pubDate>$now</pubDate></item>
<item><guid>b</guid><title>Tin không được chiếu</title><link>https://x.test/b</link><pubDate>$now</pubDate></item>
<item><guid>c</guid><title>Triển lãm mở cửa</title><link>https://x.test/c</link><pubDate>$now</pubDate></item>
</channel></rss>
RSS
cat >"$work/t.ini" <<INI
[source news]
location = $work/feed.rss
[cache]
path = $work/cache.db
[display]
featured_seconds = 2
[editorial]
pin = Lễ khai mạc lúc 14:00 tại sảnh A
pin_start = 2020-01-01 00:00
INI
"$ticker" -c "$work/t.ini" hide https://x.test/b >"$work/hide.out" || fail "hide: $(cat "$work/hide.out")"
grep -q "hidden: https://x.test/b" "$work/hide.out" || fail "hide said: $(cat "$work/hide.out")"
start=$(date -u +%s)
timeout 60 "$ticker" -c "$work/t.ini" --headless --size 640x360 --speed 900 --duration 9 2>"$work/run.log" ||
    fail "kiosk: $(tail -5 "$work/run.log")"
end=$(date -u +%s)
"$ticker" -c "$work/t.ini" played --format json >"$work/played.json" 2>"$work/played.err" ||
    fail "played: $(cat "$work/played.err")"
"$ticker" -c "$work/t.ini" played --since 2020-01-01 >"$work/played.csv" || fail "played csv"
python3 - "$work/played.json" "$work/played.csv" "$start" "$end" <<'PY'
import csv, json, sys
plays = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
start, end = int(sys.argv[3]), int(sys.argv[4])
def fail(why):
    print("FAIL: " + why, file=sys.stderr)
    sys.exit(1)
featured = [p for p in plays if p["kind"] == "featured"]
crawl = [p for p in plays if p["kind"] == "crawl"]
if len(featured) < 3:
    fail("featured plays: %s" % featured)
if not any(p["id"] == "a" for p in featured) or not any(p["id"] == "c" for p in featured):
    fail("featured a and c: %s" % [p["id"] for p in featured])
if any(p["id"] == "b" for p in plays):
    fail("the hidden item was shown: %s" % [p for p in plays if p["id"] == "b"])
pins = [p for p in crawl if p["title"] == "Lễ khai mạc lúc 14:00 tại sảnh A"]
if not pins or not any(p["id"] == "a" for p in crawl):
    fail("crawl passes: %s" % [(p["id"], p["title"]) for p in crawl])
from datetime import datetime, timezone
for p in plays:
    s = datetime.strptime(p["started"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()
    e = datetime.strptime(p["ended"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()
    if not (start - 2 <= s <= e <= end + 2) or p["seconds"] != e - s:
        fail("times outside the run: %s (run %d..%d)" % (p, start, end))
if len(rows) != len(plays) or rows[0]["kind"] != plays[0]["kind"] or rows[0]["title"] != plays[0]["title"]:
    fail("csv and json differ: %d rows, %d plays" % (len(rows), len(plays)))
print("ok   %d plays: %d featured, %d crawl passes (%d of the pin)" % (len(plays), len(featured), len(crawl), len(pins)))
PY
# `ticker status` says what the rules did at the last post.
"$ticker" -c "$work/t.ini" status >"$work/status.out" 2>&1 || true
grep -q "editorial: 2 items shown, 1 hidden by the rules" "$work/status.out" || fail "status: $(cat "$work/status.out")"
grep -q "hidden by id or link hid 1" "$work/status.out" || fail "status: $(cat "$work/status.out")"
"$ticker" -c "$work/t.ini" unhide https://x.test/b | grep -q "shown again" || fail "unhide"
echo "ok   hide, a headless run, played, unhide"
