#!/usr/bin/env bash
# End to end: a source named by a path relative to the working folder -- a
# file, a folder, a config's location -- is read from there, with or without
# a config file (the folder check of base/safeopen once joined the folder to
# a path that already held it: "assets/demo/assets/demo/trien-lam.rss").
# $1 is the ticker binary.
set -uo pipefail
ticker=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_CONFIG_HOME=$work/config
unset TICKER_CONFIG
failed=0
mkdir -p "$work/here/news/sub"
cp "$(dirname "$0")/../fixtures/vnexpress.rss" "$work/here/news/a.rss"
cp "$(dirname "$0")/../fixtures/tuoitre.rss" "$work/here/news/sub/b.rss"
cd "$work/here"
printf '[source n]\nlocation = news/a.rss\n' > news.ini
expect_items() { # what, then the command
    local what=$1; shift
    local n
    n=$("$@" 2>"$work/err" | wc -l)
    if [ "$n" -gt 0 ]; then echo "ok   $what: $n items"; else echo "FAIL: $what: no items: $(cat "$work/err")" >&2; failed=1; fi
}
expect_items "a relative file" "$ticker" dump news/a.rss
expect_items "a relative file, -c /dev/null" "$ticker" -c /dev/null dump news/a.rss
expect_items "./ and a deeper file" "$ticker" dump ./news/sub/b.rss
expect_items "a relative folder" "$ticker" dump news
expect_items "a bare name" bash -c "cd news && '$ticker' dump a.rss"
expect_items "a config's relative location" "$ticker" -c news.ini dump
exit $failed
