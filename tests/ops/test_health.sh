#!/usr/bin/env bash
# End to end: [health] — the kiosk writes Prometheus metrics that pass
# `promtool check metrics` (or tests/common/promformat.py), atomically (no temporary file left), with the
# frames, each source's state (labels escaped), the cache and memory; a
# proof-of-render thumbnail beside them; `ticker status` says the same.
set -euo pipefail
ticker=$1
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# promtool comes with the Prometheus server (Debian's prometheus), which the
# kiosk never needs: where it is absent, tests/common/promformat.py checks the
# same format rules.
if command -v promtool >/dev/null; then
  check_metrics() { promtool check metrics; }
else
  check_metrics() { python3 "$here/common/promformat.py" /dev/stdin; }
fi

odd="$work/no \"such\" \\feed.xml" # a source name the label escaping must survive
cat >"$work/h.ini" <<INI
[source demo]
location = $here/../assets/demo/trien-lam.rss
[source odd]
location = $odd
[cache]
path = $work/cache.db
[health]
textfile = $work/metrics/ticker.prom
thumbnail_seconds = 1
INI
mkdir "$work/metrics"
timeout 60 "$ticker" --headless --duration 3 -c "$work/h.ini" 2>"$work/run.log" || fail "kiosk: $(cat "$work/run.log")"
prom="$work/metrics/ticker.prom"
[ -s "$prom" ] || fail "no metrics written: $(cat "$work/run.log")"
check_metrics <"$prom" 2>"$work/promtool.log" || fail "metrics format: $(cat "$work/promtool.log")"
[ ! -s "$work/promtool.log" ] || fail "metrics lint: $(cat "$work/promtool.log")"
ls "$work/metrics" | grep -q tmp && fail "a temporary file was left: $(ls "$work/metrics")"
value() { awk -v n="$1" '$1 == n { print $2 }' "$prom"; }
[ "$(value ticker_frames_presented_total)" -gt 10 ] || fail "frames: $(value ticker_frames_presented_total)"
[ "$(value ticker_items_shown)" = 11 ] || fail "items shown: $(value ticker_items_shown)"
[ "$(value ticker_screen_on)" = 1 ] || fail "screen_on"
[ "$(value ticker_cache_items)" = 11 ] || fail "cache items: $(value ticker_cache_items)"
[ "$(value ticker_resident_memory_bytes)" -gt 1000000 ] || fail "memory"
grep -q '^ticker_frame_seconds_bucket{le="+Inf"} ' "$prom" || fail "no histogram"
grep -qF 'ticker_source_consecutive_failures{source="'"$work"'/no \"such\" \\feed.xml"} 1' "$prom" ||
  fail "the failing source's label or count: $(grep consecutive "$prom")"
grep -q 'ticker_source_last_success_time_seconds{source=".*trien-lam.rss"} [1-9]' "$prom" || fail "demo last success"
file "$work/metrics/ticker.png" | grep -q "PNG image data, 320 x 180" || fail "thumbnail: $(file "$work/metrics/ticker.png")"

"$ticker" status -c "$work/h.ini" >"$work/status.txt" 2>&1 || fail "status: $(cat "$work/status.txt")"
grep -q "^frames: $(value ticker_frames_presented_total) presented" "$work/status.txt" || fail "status frames: $(cat "$work/status.txt")"
grep -q "FAILING" "$work/status.txt" || fail "status does not show the failing source: $(cat "$work/status.txt")"
grep -q "trien-lam.rss: ok, 11 items" "$work/status.txt" || fail "status demo source: $(cat "$work/status.txt")"
echo "health end to end: ok"
