#!/usr/bin/env bash
# End to end: screenshots are deterministic and follow --at, --rotate and
# --clock; the kiosk runs headless for a duration and exits cleanly; the
# preview with no display writes its frame and says where; bench prints its
# figures as one JSON line; the kiosk refuses SDL's fake drivers.
set -euo pipefail
ticker=$1
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

shot() { "$ticker" screenshot --synthetic 12 --clock '2026-11-22 14:05' "$@"; }
shot -o "$work/a.png" --at 3.5 2>/dev/null
shot -o "$work/b.png" --at 3.5 2>/dev/null
cmp -s "$work/a.png" "$work/b.png" || fail "same input gave different pixels"
shot -o "$work/tiles.png" --at 3.5 --max-texture-width 256 2>/dev/null
cmp -s "$work/a.png" "$work/tiles.png" || fail "texts cut into 256-pixel tiles drew different pixels"
shot -o "$work/c.png" --at 4.5 2>/dev/null
cmp -s "$work/a.png" "$work/c.png" && fail "--at 4.5 drew the same frame as --at 3.5"
shot -o "$work/d.png" --at 3.5 --clock '2026-11-23 09:00' 2>/dev/null
cmp -s "$work/a.png" "$work/d.png" && fail "--clock did not change the header"
file "$work/a.png" | grep -q "PNG image data, 1920 x 1080" || fail "landscape size: $(file "$work/a.png")"
# A turned screen's screenshot is what its viewer sees: the turned size, the
# content upright, so the same pixels as a screen that size unturned (it was
# the landscape framebuffer, the content sideways).
shot -o "$work/p.png" --rotate 90 --size 1280x720 2>"$work/p.log"
file "$work/p.png" | grep -q "PNG image data, 720 x 1280" || fail "rotated size: $(file "$work/p.png")"
grep -q "wrote $work/p.png (720x1280, upright for the 1280x720 screen turned 90" "$work/p.log" || fail "rotated log: $(cat "$work/p.log")"
shot -o "$work/portrait.png" --size 720x1280 2>/dev/null
cmp -s "$work/p.png" "$work/portrait.png" || fail "rotate 90: not the upright picture of a 720x1280 screen"
# (At 180 and 270 SDL's turned copy of the crawl's edge rounds 3 pixels differently.)
shot -o "$work/p270.png" --rotate 270 --size 1280x720 2>/dev/null
python3 "$here/common/pngdiff.py" "$work/p270.png" "$work/portrait.png" 16 >"$work/p270.diff" ||
  fail "rotate 270: not the upright picture of a 720x1280 screen: $(cat "$work/p270.diff")"
shot -o "$work/p180.png" --rotate 180 --size 1280x720 2>/dev/null
shot -o "$work/l720.png" --size 1280x720 2>/dev/null
python3 "$here/common/pngdiff.py" "$work/p180.png" "$work/l720.png" 16 >"$work/p180.diff" ||
  fail "rotate 180: not the upright picture: $(cat "$work/p180.diff")"
"$ticker" screenshot 2>/dev/null && fail "screenshot without -o succeeded"

# Headless kiosk: exits by itself after the duration, status 0.
start=$(date +%s)
timeout 30 "$ticker" --headless --duration 2 --synthetic 50 2>"$work/headless.log" || fail "headless run: $(cat "$work/headless.log")"
[ $(( $(date +%s) - start )) -lt 15 ] || fail "headless run did not stop after its duration"

# Preview where there is no display (the dummy driver): offscreen, and it says where the frame went.
XDG_RUNTIME_DIR=$work SDL_VIDEODRIVER=dummy timeout 30 "$ticker" --window --duration 1 --synthetic 5 2>"$work/window.log" ||
  fail "preview without display: $(cat "$work/window.log")"
grep -q "$work/ticker-preview.png" "$work/window.log" || fail "preview did not say where it wrote: $(cat "$work/window.log")"
file "$work/ticker-preview.png" | grep -q "PNG image data, 1280 x 720" || fail "preview frame missing"

# First contact, as toolchain/run.sh on a fresh machine: no display, no
# XDG_RUNTIME_DIR. No line may say "error" (libwayland's complaint about
# XDG_RUNTIME_DIR was the first line), and --window was given, so no advice
# to use it. The frame goes to the user's own cache folder, never to a
# fixed name in the shared /tmp (a second user could not replace it).
mkdir "$work/tmp"
env -u DISPLAY -u WAYLAND_DISPLAY -u XDG_RUNTIME_DIR -u SDL_VIDEODRIVER -u XDG_CACHE_HOME HOME="$work/home" TMPDIR="$work/tmp" \
  timeout 30 "$ticker" --window --duration 1 --synthetic 5 >"$work/first.log" 2>&1 ||
  fail "preview on a bare machine: $(cat "$work/first.log")"
grep -qi "error" "$work/first.log" && fail "a first run says error: $(cat "$work/first.log")"
grep -q "use --window" "$work/first.log" && fail "advises --window to a run given --window: $(cat "$work/first.log")"
[ -f "$work/home/.cache/ticker/ticker-preview.png" ] || fail "bare-machine preview frame not in ~/.cache/ticker: $(cat "$work/first.log")"
[ -z "$(ls -A "$work/tmp")" ] || fail "the preview wrote to TMPDIR: $(ls "$work/tmp")"
env -u XDG_RUNTIME_DIR XDG_CACHE_HOME="$work/xdg-cache" SDL_VIDEODRIVER=dummy \
  timeout 30 "$ticker" --window --duration 1 --synthetic 5 >"$work/xdg.log" 2>&1 || fail "preview with XDG_CACHE_HOME: $(cat "$work/xdg.log")"
grep -q "goes to $work/xdg-cache/ticker/ticker-preview.png" "$work/xdg.log" || fail "preview not in \$XDG_CACHE_HOME/ticker: $(cat "$work/xdg.log")"
[ -f "$work/xdg-cache/ticker/ticker-preview.png" ] || fail "preview frame missing in \$XDG_CACHE_HOME/ticker"

# The kiosk never runs on a fake driver silently.
if SDL_VIDEODRIVER=dummy timeout 30 "$ticker" --synthetic 5 2>"$work/kiosk.log"; then
  fail "kiosk ran on the dummy driver"
fi
grep -q "no display" "$work/kiosk.log" || fail "kiosk failure is not clear: $(cat "$work/kiosk.log")"

# Bench: one JSON line with the agreed figures.
"$ticker" bench --seconds 1 --synthetic 10 --size 640x360 >"$work/bench.json" 2>/dev/null
python3 - "$work/bench.json" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 1, lines
b = json.loads(lines[0])
for key in ("frames", "cpu_ms_per_frame", "frame_ms_p50", "frame_ms_p99", "frame_ms_max", "peak_rss_mb"):
    assert key in b, key
assert b["frames"] > 0 and b["items_shown"] == 10, b
assert 0 < b["frame_ms_p50"] <= b["frame_ms_p99"] <= b["frame_ms_max"], b
PY
echo "display end to end: ok"
