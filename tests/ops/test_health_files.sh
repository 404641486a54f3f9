#!/usr/bin/env bash
# The metrics as node_exporter finds them on a delivered kiosk: under the
# unit's UMask=0077 the metrics file and the proof-of-render thumbnail are
# still mode 0644 (the collector runs as another user); the temporary file
# is a new name each time, so a symlink planted under the old fixed name
# (PATH.tmp) is never followed; a missing metrics folder is warned once,
# not at every write, saying the folder is missing (and, for node_exporter's,
# which package makes it).
set -euo pipefail
ticker=$1
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir "$work/metrics"
echo "not to be overwritten" >"$work/victim"
ln -s "$work/victim" "$work/metrics/ticker.prom.tmp" # the old fixed temporary name
cat >"$work/h.ini" <<INI
[source demo]
location = $here/../assets/demo/trien-lam.rss
[cache]
path = $work/cache.db
[health]
textfile = $work/metrics/ticker.prom
thumbnail_seconds = 1
INI
(umask 0077 && timeout 60 "$ticker" --headless --duration 3 -c "$work/h.ini" 2>"$work/run.log") ||
  fail "kiosk: $(cat "$work/run.log")"
[ -s "$work/metrics/ticker.prom" ] || fail "no metrics: $(cat "$work/run.log")"
mode=$(stat -c %a "$work/metrics/ticker.prom")
[ "$mode" = 644 ] || fail "the metrics file is mode $mode under UMask=0077: node_exporter cannot read it"
[ -s "$work/metrics/ticker.png" ] || fail "no thumbnail: $(cat "$work/run.log")"
mode=$(stat -c %a "$work/metrics/ticker.png")
[ "$mode" = 644 ] || fail "the thumbnail is mode $mode under UMask=0077"
[ "$(cat "$work/victim")" = "not to be overwritten" ] || fail "the metrics were written through a planted symlink"
[ -L "$work/metrics/ticker.prom.tmp" ] || fail "the planted symlink was replaced, not left alone"
leftover=$(ls "$work/metrics" | grep -v '^ticker\.prom$\|^ticker\.png$\|^ticker\.prom\.tmp$' || true)
[ -z "$leftover" ] || fail "temporary files were left: $leftover"

# A metrics folder that does not exist: one warning for the whole run
# (at least two writes: the first and the last, as the program ends).
sed "s|$work/metrics/|$work/missing/|" "$work/h.ini" >"$work/missing.ini"
timeout 60 "$ticker" --headless --duration 3 -c "$work/missing.ini" 2>"$work/missing.log" ||
  fail "kiosk with a missing metrics folder: $(cat "$work/missing.log")"
n=$(grep -c "warning: health textfile $work/missing/ticker.prom" "$work/missing.log" || true)
[ "$n" = 1 ] || fail "the missing metrics folder was warned $n times: $(grep missing "$work/missing.log")"
grep -q "ticker.prom: its folder $work/missing does not exist (create it, or set \[health\] textfile" "$work/missing.log" ||
  fail "the warning does not say why: $(cat "$work/missing.log")"
n=$(grep -c "warning: proof-of-render thumbnail: $work/missing/ticker.png" "$work/missing.log" || true)
[ "$n" = 1 ] || fail "the thumbnail's missing folder was warned $n times"
# The documented example, node_exporter's folder, on a machine without
# prometheus-node-exporter: the warning names the package that makes it.
# (Where the folder exists this case cannot be shown; nothing is written
# where it does not.)
exporter=/var/lib/prometheus/node-exporter
if [ ! -e "$exporter" ]; then
  sed "s|$work/metrics/|$exporter/|" "$work/h.ini" >"$work/exporter.ini"
  timeout 60 "$ticker" --headless --duration 2 -c "$work/exporter.ini" 2>"$work/exporter.log" ||
    fail "kiosk with node_exporter's folder missing: $(cat "$work/exporter.log")"
  n=$(grep -c "warning: health textfile $exporter/ticker.prom: its folder $exporter does not exist: node_exporter's textfile folder, which Debian's prometheus-node-exporter creates" "$work/exporter.log" || true)
  [ "$n" = 1 ] || fail "the missing node_exporter folder was warned $n times, or without the package: $(cat "$work/exporter.log")"
  [ ! -e "$exporter" ] || fail "the kiosk made $exporter"
else
  echo "skip the missing node_exporter folder case: $exporter exists here"
fi
echo "health files: ok"
