#!/usr/bin/env bash
# A new user's first contact, end to end (issues 10 and 13): the preview on a
# machine with no display says what it does without "error" or "warning";
# bad input on the command line (a folder, a FIFO or a binary file as the
# config, an empty or foreign cache, a folder of FIFOs, a feed nested too
# deep) gets an error that names the file and the reason, at once. $1 is the
# ticker binary. Every run has a `timeout` only as a guard: the old program
# started the kiosk on a folder given as config, or waited on a FIFO.
set -euo pipefail
ticker=$1
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache TMPDIR=$work
unset TICKER_CONFIG
fail() { echo "FAIL: $*" >&2; exit 1; }
# run NAME ARGS...: the program's output (both streams) in $work/NAME.out, its status in $status.
run() {
  local name=$1
  shift
  status=0
  timeout 60 "$ticker" "$@" >"$work/$name.out" 2>&1 </dev/null || status=$?
  [ "$status" -ne 124 ] || fail "$name: still running after 60 s: ticker $*"
}
expect() { # NAME TEXT: the output of NAME holds TEXT
  grep -qF -- "$2" "$work/$1.out" || { cat "$work/$1.out" >&2; fail "$1: no \"$2\" in the output"; }
}

# --- the preview with no display (what toolchain/run.sh runs) -------------
grep -q '^exec build/ticker --window "\$@"$' "$here/toolchain/run.sh" ||
  fail "toolchain/run.sh no longer runs 'build/ticker --window': update this test"
status=0
env -u DISPLAY -u WAYLAND_DISPLAY -u XDG_RUNTIME_DIR -u SDL_VIDEODRIVER -u SDL_RENDER_DRIVER \
  timeout 60 "$ticker" --window --duration 2 >"$work/preview.out" 2>&1 </dev/null || status=$?
[ "$status" -eq 0 ] || { cat "$work/preview.out" >&2; fail "preview: status $status"; }
if grep -qi 'error\|warning' "$work/preview.out"; then
  cat "$work/preview.out" >&2
  fail "preview: a line says error or warning on a machine where nothing is wrong"
fi
if grep -q 'video driver: offscreen' "$work/preview.out"; then
  expect preview "its last frame goes to $work/cache/ticker/ticker-preview.png"
  [ -s "$work/cache/ticker/ticker-preview.png" ] || fail "preview: no screenshot written"
fi

# --- a config that is not an INI file, for every command -------------------
mkdir "$work/conf.d"
mkfifo "$work/conf.fifo"
head -c 4096 "$ticker" >"$work/binary.ini"
for command in run dump screenshot bench cache status fetch; do
  run "dir-$command" -c "$work/conf.d" "$command"
  [ "$status" -eq 2 ] || fail "-c FOLDER $command: status $status, not 2"
  expect "dir-$command" "config $work/conf.d: not a config file: it is a folder"
  run "fifo-$command" "$command" --config "$work/conf.fifo"
  [ "$status" -eq 2 ] || fail "--config FIFO $command: status $status, not 2"
  expect "fifo-$command" "config $work/conf.fifo: not a config file: it is a FIFO (named pipe)"
done
run dir-joined "-c$work/conf.d" dump # -cFILE was not seen: the defaults were used
[ "$status" -eq 2 ] || fail "-cFOLDER: status $status, not 2"
expect dir-joined "config $work/conf.d: not a config file: it is a folder"
run binary -c "$work/binary.ini" dump
[ "$status" -eq 2 ] || fail "binary config: status $status, not 2"
expect binary "config $work/binary.ini:1: a NUL byte: not a text file, so not an INI file"
run small screenshot --size 10x10 -o "$work/small.png"
[ "$status" -eq 2 ] || fail "--size 10x10: status $status, not 2"
expect small "ticker: --size wants WxH (each 16..16384), not '10x10'"
run no-value dump -c
[ "$status" -eq 2 ] || fail "-c without a value: status $status, not 2"
expect no-value "ticker: -c wants a value"
if [ "$(id -u)" -ne 0 ]; then # root reads any file
  printf '[display]\nrotate = 90\n' >"$work/secret.ini"
  chmod 000 "$work/secret.ini"
  run unreadable -c "$work/secret.ini" dump
  [ "$status" -eq 2 ] || fail "unreadable config: status $status"
  expect unreadable "config $work/secret.ini: cannot open: Permission denied"
fi

# A feed URL of 2,000 bytes (a query string) is configured whole.
url="https://baomoi.example.vn/rss/the-gioi.rss?utm_source=kiosk&q=$(head -c 1500 /dev/zero | tr '\0' 'x')"
while [ ${#url} -lt 2000 ]; do url="${url}y"; done
printf '[source long]\nlocation = %s\nrefresh = 600\n[cache]\npath = %s/c.db\n' "$url" "$work" >"$work/long.ini"
"$ticker" -c "$work/long.ini" fetch --cycles 1 "$here/tests/fixtures/dantri.rss" >/dev/null 2>&1
run long -c "$work/long.ini" cache --sources
[ "$status" -eq 0 ] || { cat "$work/long.out" >&2; fail "long URL: status $status"; }
grep -qxF "$url	never fetched" "$work/long.out" || { cat "$work/long.out" >&2; fail "long URL: not read exactly"; }

# --- caches that are not caches ----------------------------------------------
: >"$work/empty.db"
run empty-cache cache --cache "$work/empty.db"
[ "$status" -eq 1 ] || fail "empty cache: status $status"
expect empty-cache "cache $work/empty.db: an empty database, no items cached yet; left as it is"
[ ! -s "$work/empty.db" ] || fail "empty cache: the inspection changed the file"
python3 -c "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute('CREATE TABLE notes (body)'); db.commit()" \
  "$work/other.db"
sum=$(sha256sum <"$work/other.db")
run foreign-cache cache --sources --cache "$work/other.db"
[ "$status" -eq 1 ] || fail "foreign cache: status $status"
expect foreign-cache "cache $work/other.db: not a ticker cache: another program's database (its tables: notes)"
[ "$(sha256sum <"$work/other.db")" = "$sum" ] || fail "foreign cache: the inspection changed the file"
if grep -q 'no such table' "$work/empty-cache.out" "$work/foreign-cache.out"; then fail "SQLite's own message shown"; fi
# `ticker status` is an inspection too: it made a new cache file, and moved
# another program's database aside; with no metrics it said "screen: off".
run status-none status --cache "$work/none.db"
[ "$status" -eq 1 ] || fail "status with no cache: status $status"
expect status-none "status: cache $work/none.db: nothing cached: with no [source] the kiosk shows the bundled demo content, which it does not cache"
expect status-none "give a config with [source NAME] sections (-c FILE"
[ ! -e "$work/none.db" ] || fail "status made a cache file"
# Right after a demo run (no [source]): `status` and `cache` said "no cache
# there yet (the kiosk creates it on its first run)" of a kiosk that had just
# run. The demo content is never cached, and they say so and how to show
# real feeds; with a [source] and no file yet, the first run makes it.
run demo-run --headless --duration 1 --cache "$work/demo.db"
[ "$status" -eq 0 ] || { cat "$work/demo-run.out" >&2; fail "demo run: status $status"; }
for command in status cache; do
  run "demo-$command" "$command" --cache "$work/demo.db"
  [ "$status" -eq 0 ] || fail "$command after a demo run: status $status"
  expect "demo-$command" "cache: no items: with no [source] the kiosk shows the bundled demo content, which it does not cache"
  expect "demo-$command" "(-c FILE, see ticker.ini(5))"
  if grep -q "no cache there yet" "$work/demo-$command.out"; then fail "$command after a demo run: no cache there yet"; fi
done
printf '[source demo]\nlocation = %s\n' "$here/assets/demo/trien-lam.rss" >"$work/one-source.ini"
for command in status cache; do
  run "sourced-$command" "$command" -c "$work/one-source.ini" --cache "$work/sourced.db"
  [ "$status" -eq 1 ] || fail "$command with a source and no cache: status $status"
  expect "sourced-$command" "cache $work/sourced.db: no cache there yet (the kiosk creates it on its first run)"
done
run status-foreign status --cache "$work/other.db"
expect status-foreign "status: cache $work/other.db: not a ticker cache"
[ "$(sha256sum <"$work/other.db")" = "$sum" ] || fail "status changed another program's database"
if ls "$work"/other.db.corrupt-* >/dev/null 2>&1; then fail "status moved another program's database aside"; fi
expect status-foreign "frames: unknown ([health] textfile is not set"
if grep -q '^screen: \|^showing: ' "$work/status-foreign.out"; then fail "status: screen and frame lines without metrics"; fi

# A folder or a FIFO given as the cache: never moved aside, never waited on.
feed=$here/tests/fixtures/dantri.rss
mkdir "$work/news" && echo mine >"$work/news/keep.txt"
run cache-folder fetch --cycles 1 --cache "$work/news" "$feed"
[ "$status" -eq 0 ] || { cat "$work/cache-folder.out" >&2; fail "a folder as the cache: status $status"; }
expect cache-folder "cache $work/news: cannot be used: it is a folder, and the cache is one SQLite file"
[ -f "$work/news/keep.txt" ] || fail "a folder as the cache: moved away"
mkfifo "$work/cache.fifo"
run cache-fifo fetch --cycles 1 --cache "$work/cache.fifo" "$feed"
expect cache-fifo "cache $work/cache.fifo: cannot be used: it is a FIFO (named pipe)"
run cache-fifo-inspect cache --cache "$work/cache.fifo"
expect cache-fifo-inspect "cache $work/cache.fifo: it is a FIFO (named pipe), not a cache file; left as it is"
run cache-nowhere fetch --cycles 1 --cache /proc/ticker-nowhere/cache.db "$feed"
expect cache-nowhere "cache /proc/ticker-nowhere/cache.db: cannot be used (its folder does not exist and cannot be made"

# A full disk, as a file-size limit (ulimit -f; no tmpfs without root):
# SIGXFSZ killed the program without a word. Now a screenshot fails with
# the reason, and fetched items stay in memory, the cache file behind.
status=0
(ulimit -f 20 && exec "$ticker" screenshot --size 1920x1080 -o "$work/full.png") >"$work/full-shot.out" 2>&1 || status=$?
[ "$status" -eq 1 ] || { cat "$work/full-shot.out" >&2; fail "screenshot on a full disk: status $status, not 1"; }
expect full-shot "screenshot: $work/full.png: cannot write it: Write Error (File too large)"
status=0
(ulimit -f 20 && exec "$ticker" fetch --cycles 1 --cache "$work/full.db" "$feed") >"$work/full-cache.out" 2>&1 || status=$?
[ "$status" -eq 0 ] || { cat "$work/full-cache.out" >&2; fail "fetch on a full disk: status $status, not 0"; }
expect full-cache "cache $work/full.db: cannot be used (file too large: over the file-size limit (ulimit -f, LimitFSIZE)"
expect full-cache "2 items, 2 new or changed"
expect full-cache "cache file behind (items kept in memory)"
# Whatever the limit, the fetched items reach the screen (the fetch loop
# posts them); under the 32 KB of SQLite's -shm file the open connection
# could not even read the cache back, and nothing was posted.
fx=$here/tests/fixtures
for kb in 0 8 16 24 32 48 64; do
  rm -f "$work"/lim.db*
  status=0
  # through a pipe: the limit would stop writing the output file too
  out=$( (ulimit -f $kb && exec "$ticker" fetch --cycles 2 --cache "$work/lim.db" "$fx/tuoitre.rss" \
    "$fx/dantri.rss" "$fx/atom.xml" "$fx/rss1.rdf") 2>&1) || status=$?
  printf '%s\n' "$out" >"$work/lim-$kb.out"
  [ "$status" -eq 0 ] || { cat "$work/lim-$kb.out" >&2; fail "ulimit -f $kb: status $status"; }
  expect "lim-$kb" "posted 1 item lists, the last of 9 items"
done

# --- sources that are not files ----------------------------------------------
mkdir "$work/feeds"
mkfifo "$work/feeds/x.fifo"
run fifo-folder dump "$work/feeds"
[ "$status" -eq 1 ] || fail "a folder of a FIFO: status $status"
expect fifo-folder "$work/feeds/x.fifo: skipped: a FIFO (named pipe), not a regular file"
expect fifo-folder "$work/feeds: no regular files to read in this folder; skipped 1 entry (x.fifo: a FIFO"

# An option the command does not read is named, not silently ignored.
run unused dump -o "$work/items.json" --synthetic 3 "$here/tests/fixtures/dantri.rss"
[ "$status" -eq 0 ] || fail "dump -o: status $status"
expect unused "warning: -o does nothing for dump (it is for screenshot); ignored"
expect unused "warning: --synthetic does nothing for dump (it is for run, screenshot and bench); ignored"

# A long location is shortened in the message, so its reason still shows.
seg=$(head -c 100 /dev/zero | tr '\0' 'd')
long_path="$work/$seg/$seg/$seg/$seg/$seg/$seg/$seg/$seg/$seg/$seg/$seg/$seg/$seg/$seg/$seg/$seg/$seg/$seg/$seg/feed.rss"
run long-path dump "$long_path"
grep -q "^ticker: error: $work/d*…d*/feed.rss: cannot open: No such file or directory\$" "$work/long-path.out" ||
  { cat "$work/long-path.out" >&2; fail "a long location: the reason is not in the message"; }

run no-scheme dump vnexpress.net/rss/the-gioi.rss
expect no-scheme "vnexpress.net/rss/the-gioi.rss: cannot open: No such file or directory (a web address needs https:// or http:// before it)"

run tilde dump "~/news"
expect tilde "~/news: cannot open: No such file or directory (~ is not expanded here: write the whole path"

python3 -c "print('<rss version=\"2.0\"><channel><title>T</title>' + '<a>' * 300 + '</a>' * 300 + '</channel></rss>')" \
  >"$work/deep.rss"
run deep dump "$work/deep.rss"
[ "$status" -eq 1 ] || fail "deep feed: status $status"
expect deep "$work/deep.rss: elements nested deeper than 256 levels at line 1; not a feed this kiosk can read"
if grep -q XML_PARSE_HUGE "$work/deep.out"; then fail "deep feed: libxml2's option named to the operator"; fi

echo "first contact: ok"
