#!/usr/bin/env bash
# End to end: `ticker config check` (every problem as FILE:LINE: reason and
# what a start needs; exit 0 or 1), `ticker config show` (each setting in
# force with its origin), and the command table: an unknown command is an
# error naming it, a command that takes no word refuses one, --help lists
# every command and $TICKER_CONFIG, a flag takes the file's bounds, and
# -c /dev/null means no settings. $1 is the ticker binary.
set -uo pipefail
ticker=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_CONFIG_HOME=$work/config
unset TICKER_CONFIG
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }
pass() { echo "ok   $*"; }
expect_line() { # what, file, line
    grep -qxF -- "$3" "$2" && pass "$1" || fail "$1: no line '$3' in: $(cat "$2")"
}

cat >"$work/bad.ini" <<'INI'
[display]
title = A
font = Missing.ttf
title = B
[fetch]
refersh = 60
[source demo]
location = /srv/news/demo.rss
[source canh-bao]
type = alert
INI
"$ticker" -c "$work/bad.ini" config check >"$work/check" 2>&1
[ $? -eq 1 ] && pass "config check of a bad file exits 1" || fail "config check exit status: $(cat "$work/check")"
expect_line "a key set twice names both lines" "$work/check" "$work/bad.ini:4: [display] title is set twice, on lines 2 and 4"
expect_line "an unknown key names the closest" "$work/check" "$work/bad.ini:6: unknown setting [fetch] refersh (did you mean refresh?)"
expect_line "a source without a location" "$work/check" \
    "$work/bad.ini:10: [source canh-bao] has no location: give location = a feed URL (https://...), a file or a folder"
grep -q "^$work/bad.ini:3: \[display\] font: .*/Missing.ttf: No such file or directory$" "$work/check" &&
    pass "a missing font is a problem, at its line" || fail "missing font: $(cat "$work/check")"
grep -q "refused: 4 problems" "$work/check" && pass "says how many" || fail "count: $(cat "$work/check")"

printf '[source demo]\nlocation = %s\n[source canh-bao]\ntype = alert\nlocation = %s\n[display]\nrotate = 90\n' \
    "$work" "$work" >"$work/good.ini"
"$ticker" -c "$work/good.ini" config check >"$work/check" 2>&1
[ $? -eq 0 ] && pass "config check of a good file exits 0" || fail "config check of a good file: $(cat "$work/check")"
expect_line "says it is fine" "$work/check" "$work/good.ini: fine: 0 problems"
printf '[cache]\npath = %s/ro/sub/cache.db\n' "$work" >"$work/cache.ini"
mkdir "$work/ro" && chmod 555 "$work/ro"
if [ "$(id -u)" != 0 ]; then
    "$ticker" -c "$work/cache.ini" config check >"$work/check" 2>&1 && fail "an unwritable cache folder passed"
    grep -q "^$work/cache.ini:2: \[cache\] path: $work/ro: cannot be written" "$work/check" &&
        pass "an unwritable cache folder is a problem" || fail "cache: $(cat "$work/check")"
fi

"$ticker" -c "$work/good.ini" --refresh 60 config show >"$work/show" 2>&1 || fail "config show: $(cat "$work/show")"
grep -qE "^$work/good.ini:7 +\[display\] rotate = 90$" "$work/show" && pass "show: file:line" || fail "show rotate: $(cat "$work/show")"
grep -qE "^command line \(--refresh\) +\[fetch\] refresh = 60$" "$work/show" && pass "show: command line" || fail "show refresh"
grep -qE "^default +\[display\] crawl_speed = 120$" "$work/show" && pass "show: default" || fail "show crawl_speed"
grep -qE "^$work/good.ini:4 +\[source canh-bao\] type = alert$" "$work/show" && pass "show: a source's own" || fail "show type"
grep -qE "^default +\[source demo\] type = feed$" "$work/show" && pass "show: the other source is a feed" || fail "show demo"

"$ticker" -c /dev/null config show >"$work/show" 2>&1 && ! grep -q "^\S*:[0-9]" "$work/show" &&
    pass "-c /dev/null: no settings" || fail "-c /dev/null: $(cat "$work/show")"

"$ticker" frobnicate >"$work/out" 2>&1
[ $? -eq 2 ] && grep -q "unknown command 'frobnicate'" "$work/out" && pass "an unknown command is named" ||
    fail "frobnicate: $(cat "$work/out")"
# A place past the wall drew column 0 without a word.
"$ticker" -c /dev/null screenshot --synthetic 3 --wall-pos 1,0 -o "$work/past.png" >"$work/out" 2>&1
[ $? -eq 2 ] && grep -q -- "--wall-pos 1,0 is outside the wall of 1 x 1 screens" "$work/out" && [ ! -e "$work/past.png" ] &&
    pass "--wall-pos past the wall is refused" || fail "--wall-pos 1,0 of one screen: $(cat "$work/out")"
"$ticker" status extra >"$work/out" 2>&1
[ $? -eq 2 ] && grep -q "status takes no word ('extra')" "$work/out" && pass "status refuses a word" ||
    fail "status extra: $(cat "$work/out")"
"$ticker" --refresh 0 -c /dev/null config show >"$work/out" 2>&1
grep -q -- "--refresh: \[fetch\] refresh: invalid value \"0\" (a duration of whole seconds from 1 to 604800" "$work/out" &&
    pass "--refresh has the file's bounds" || fail "--refresh 0: $(cat "$work/out")"
printf '[fetch]\nrefresh = 0\n' >"$work/zero.ini"
"$ticker" -c "$work/zero.ini" config check >"$work/out" 2>&1
grep -q "\[fetch\] refresh: invalid value \"0\" (a duration of whole seconds from 1 to 604800" "$work/out" &&
    pass "the file says the same" || fail "file refresh 0: $(cat "$work/out")"
"$ticker" --help >"$work/help"
for word in run dump screenshot bench cache status cec config generate TICKER_CONFIG; do
    grep -qw -- "$word" "$work/help" || fail "--help does not name $word"
done
pass "--help names every command and TICKER_CONFIG"
exit $failed
