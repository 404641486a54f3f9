#!/usr/bin/env bash
# Drives the desktop preview window under Xvfb, as an operator would: the
# window opens on X11, the crawl moves, space pauses it, S writes a screenshot
# of the window, Q quits cleanly. The X server's own capture (xwd) checks what
# is really on screen, independently of the program's screenshot.
# ctest-labels: no-emulator  (X11 timing under qemu-user is not what this checks)
set -euo pipefail
ticker=$1
work=$(mktemp -d)
xvfb_pid=""
ticker_pid=""
cleanup() {
  [ -n "$ticker_pid" ] && kill "$ticker_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- ticker log:"; cat "$work/log" 2>/dev/null || true; exit 1; }

for n in $(seq 140 199); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=":$n"; break; fi
done
Xvfb "$display" -screen 0 1600x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
export DISPLAY=$display
# The real desktop path: let SDL pick the X11 driver and its renderer.
unset SDL_VIDEODRIVER SDL_RENDER_DRIVER

cd "$work"
"$ticker" --window=1280x720 >"$work/log" 2>&1 &
ticker_pid=$!
wid=$(timeout 20 xdotool search --sync --onlyvisible --name '^ticker$' | head -1) || fail "no preview window appeared"
# The driver line may be written just after the window is mapped.
for _ in $(seq 50); do grep -q "x11" "$work/log" && break; sleep 0.1; done
grep -q "x11" "$work/log" || fail "the log does not name the x11 video driver"
sleep 2 # past the first frames and the featured panel's fade-in

capture() { xwd -silent -id "$wid" -out "$work/$1.xwd"; }
same() { cmp -s "$work/$1.xwd" "$work/$2.xwd"; }

moving=no
for _ in $(seq 5); do
  capture a; sleep 0.7; capture b
  if ! same a b; then moving=yes; break; fi
done
[ "$moving" = yes ] || fail "captures 0.7 s apart stay identical: the crawl does not move"
python3 - "$work/a.xwd" <<'PY' || fail "the window shows (almost) one colour"
import sys
data = open(sys.argv[1], "rb").read()
pixels = data[-1280 * 720 * 4:]
colours = {pixels[i:i + 4] for i in range(0, len(pixels), 4 * 97)}
sys.exit(0 if len(colours) > 20 else 1)
PY

xdotool windowfocus --sync "$wid" 2>/dev/null || true
xdotool key --window "$wid" space
# On a loaded machine the key may take a moment to arrive: wait (up to 10 s)
# for two captures 0.5 s apart to be the same. A crawl that still moves never
# gives two equal captures, so this cannot pass without the pause.
paused=no
for _ in $(seq 20); do
  capture c; sleep 0.5; capture d
  if same c d; then paused=yes; break; fi
done
[ "$paused" = yes ] || fail "after space the picture still changes: pause does not hold the crawl"
xdotool key --window "$wid" space

xdotool key --window "$wid" s
for _ in $(seq 100); do ls "$work"/ticker-*.png >/dev/null 2>&1 && break; sleep 0.1; done
shot=$(ls "$work"/ticker-*.png 2>/dev/null | head -1)
[ -n "$shot" ] || fail "S wrote no screenshot"
python3 - "$shot" <<'PY' || fail "the screenshot is not a 1280x720 PNG"
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
w, h = struct.unpack(">II", data[16:24])
assert (w, h) == (1280, 720), (w, h)
assert len(data) > 20000, len(data)
PY
grep -q "screenshot written to" "$work/log" || fail "the log does not say where the screenshot went"

xdotool key --window "$wid" q
for _ in $(seq 100); do kill -0 "$ticker_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$ticker_pid" 2>/dev/null && fail "Q did not quit within 10 s"
wait "$ticker_pid" && status=0 || status=$?
ticker_pid=""
[ "$status" -eq 0 ] || fail "exit status $status after Q"
echo "ok: window opened on X11, crawl moves, space pauses, S wrote $(basename "$shot"), Q quit with status 0"
