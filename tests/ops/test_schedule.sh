#!/usr/bin/env bash
# End to end: [schedule] — a screenshot at an off time shows what the panel
# shows then (nothing), at an on time the kiosk; a range crossing midnight;
# the kiosk with the screen off by the schedule keeps running; a bad range
# stops it with the key named; a source's own hours.
set -euo pipefail
ticker=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export TZ=Asia/Ho_Chi_Minh

black() { # every pixel of the PNG is black
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
rows = [raw[i + 1:i + stride] for i in range(0, len(raw), stride)]  # any PNG filter of zeros is zeros
sys.exit(0 if all(not any(r) for r in rows) else 1)
PY
}
cat >"$work/s.ini" <<'INI'
[schedule]
daily = 08:00-18:00
fri = 08:00-18:00, 20:00-02:00
sun = off
INI
shot() { "$ticker" screenshot -c "$work/s.ini" --synthetic 5 --size 640x360 -o "$1" --clock "$2" 2>"$work/log"; }
shot "$work/mon-0700.png" '2026-11-23 07:00'
black "$work/mon-0700.png" || fail "Monday 07:00 (before 08:00) is not black"
grep -q "off by the schedule" "$work/log" || fail "the screenshot did not say the screen is off: $(cat "$work/log")"
shot "$work/mon-0900.png" '2026-11-23 09:00'
black "$work/mon-0900.png" && fail "Monday 09:00 (on) is black"
shot "$work/sat-0130.png" '2026-11-28 01:30'
black "$work/sat-0130.png" && fail "Saturday 01:30 (Friday's 20:00-02:00) is black"
shot "$work/sat-0230.png" '2026-11-28 02:30'
black "$work/sat-0230.png" || fail "Saturday 02:30 (after Friday's range) is not black"
shot "$work/sun-1200.png" '2026-11-29 12:00'
black "$work/sun-1200.png" || fail "Sunday (off) is not black"

# A current alert wakes the screen at an off time; once it expired, black again.
printf 'Sơ tán ngay\nRời nhà A.\n' >"$work/alert.txt"
touch -d '2026-11-29 11:00' "$work/alert.txt"
cat "$work/s.ini" - >"$work/sa.ini" <<INI
[source alert]
location = $work/alert.txt
type = alert
expire_after = 7200
INI
"$ticker" screenshot -c "$work/sa.ini" --size 640x360 -o "$work/sun-alert.png" --clock '2026-11-29 12:00' 2>"$work/log"
black "$work/sun-alert.png" && fail "an alert did not wake the screen off by the schedule"
"$ticker" screenshot -c "$work/sa.ini" --size 640x360 -o "$work/sun-later.png" --clock '2026-11-29 13:30' 2>"$work/log"
black "$work/sun-later.png" || fail "the screen stayed on after the alert expired"

# The kiosk, headless, with the screen off all day: it runs, says so, exits cleanly.
printf '[schedule]\ndaily = off\n' >"$work/off.ini"
timeout 30 "$ticker" --headless --duration 2 --synthetic 5 -c "$work/off.ini" 2>"$work/run.log" ||
  fail "headless with the screen off: $(cat "$work/run.log")"
grep -q "schedule: screen off" "$work/run.log" || fail "no 'screen off' line: $(cat "$work/run.log")"

# A bad range is refused, naming the key.
printf '[schedule]\nwed = 8-18\n' >"$work/bad.ini"
if "$ticker" screenshot -c "$work/bad.ini" --synthetic 5 -o "$work/bad.png" 2>"$work/bad.log"; then
  fail "a bad schedule was accepted"
fi
grep -q "\[schedule\] wed" "$work/bad.log" || fail "the error does not name the key: $(cat "$work/bad.log")"
# Per-source hours (dayparting): the morning source's items are on screen
# within its hours and not outside them, on the same fixed clock.
fixtures=${FIXTURES_DIR:-$(dirname "$0")/../fixtures}
cat >"$work/h.ini" <<INI
[source morning]
location = $fixtures/dantri.rss
hours = 07:00-11:00
hours_sun = off
INI
hshot() { "$ticker" screenshot -c "$work/h.ini" --size 640x360 -o "$1" --clock "$2" 2>"$work/log"; }
hshot "$work/h-0800.png" '2026-11-23 08:00'
grep -q "no items loaded" "$work/log" && fail "Monday 08:00, within its hours: no items: $(cat "$work/log")"
hshot "$work/h-1200.png" '2026-11-23 12:00'
grep -q "no items loaded" "$work/log" || fail "Monday 12:00, outside its hours: its items shown: $(cat "$work/log")"
hshot "$work/h-sun.png" '2026-11-29 08:00'
grep -q "no items loaded" "$work/log" || fail "Sunday (hours_sun = off): its items shown: $(cat "$work/log")"
cmp -s "$work/h-0800.png" "$work/h-1200.png" && fail "the frames within and outside the source's hours are the same"

echo "schedule end to end: ok"
