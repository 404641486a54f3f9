#!/usr/bin/env bash
# Golden images: screenshots of made-up items with the demo pictures — a
# photo beside its text (landscape), an infographic panned above its text
# (portrait), an infographic at the end of its pan (landscape), each with the
# QR code, and the crawl with thumbnails — must stay the committed pixels (tests/golden/, looked at when
# made). A change of layout updates them on purpose:
#   ticker screenshot --synthetic 12 -o tests/golden/NAME.png --clock '2026-11-22 14:05' --at T [--rotate 90]
# ctest-labels: no-emulator  (libvips's filters round differently on another CPU; checked on the build machine)
set -euo pipefail
ticker=$1
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
check() {
  local name=$1; shift
  "$ticker" screenshot --synthetic 12 -o "$work/$name.png" --clock '2026-11-22 14:05' "$@" 2>"$work/$name.log" ||
    fail "$name: $(cat "$work/$name.log")"
  cmp -s "$work/$name.png" "$here/screen/golden/$name.png" || fail "$name differs from tests/screen/golden/$name.png (kept at $work)"
}
check pictures-landscape --at 17
check pictures-portrait --at 13 --rotate 90
check infographic-landscape --at 12
# Crawl thumbnails on: a photo's thumbnail before its headline in the band.
printf '[display]\ncrawl_thumbnails = true\n' > "$work/thumbnails.ini"
check crawl-thumbnails --at 45 -c "$work/thumbnails.ini"
echo "golden images: ok"
