#!/usr/bin/env bash
# The QR code in the featured panel decodes (zbarimg, from Debian's
# zbar-tools) to the featured item's link, in landscape and portrait; the
# setting qr_code = false leaves it out; an item without a web link has none.
set -euo pipefail
ticker=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v zbarimg >/dev/null || fail "zbarimg missing (apt-get install zbar-tools)"

link='https://example.vn/tin-tuc/hoi-dam-quoc-phong-viet-nam-singapore-2026?utm=kiosk&id=A7'
cat >"$work/feed.rss" <<RSS
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Báo thử</title>
<item><title>Hội đàm quốc phòng Việt Nam – Singapore</title><link>${link//&/&amp;}</link>
<description>Hai bên nhất trí thúc đẩy hợp tác quốc phòng.</description></item>
</channel></rss>
RSS
cat >"$work/nolink.rss" <<RSS
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Báo thử</title>
<item><title>Tin không có đường dẫn</title><description>Chỉ có tóm tắt.</description></item>
</channel></rss>
RSS
decode() { zbarimg -q --raw "$1" 2>/dev/null || true; }

for rotate in 0 90; do
  "$ticker" screenshot -o "$work/r$rotate.png" --rotate "$rotate" --at 2 "$work/feed.rss" 2>/dev/null
  got=$(decode "$work/r$rotate.png")
  [ "$got" = "$link" ] || fail "rotate $rotate: the QR code read '$got', not the link"
done
"$ticker" screenshot -o "$work/small.png" --size 1280x720 --at 2 "$work/feed.rss" 2>/dev/null
[ "$(decode "$work/small.png")" = "$link" ] || fail "1280x720: no QR code that reads"

printf '[display]\nqr_code = false\n' >"$work/off.ini"
"$ticker" screenshot -c "$work/off.ini" -o "$work/off.png" --at 2 "$work/feed.rss" 2>/dev/null
[ -z "$(decode "$work/off.png")" ] || fail "qr_code = false still drew a QR code"
"$ticker" screenshot -o "$work/nolink.png" --at 2 "$work/nolink.rss" 2>/dev/null
[ -z "$(decode "$work/nolink.png")" ] || fail "an item without a link got a QR code"
echo "QR code: ok"
