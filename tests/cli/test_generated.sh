#!/usr/bin/env bash
# The files made from the tables of settings and commands are up to date:
# assets/ticker.ini, docs/configuration.md, packaging/ticker.ini.5,
# packaging/ticker.1 and packaging/ticker.bash-completion are what `ticker
# generate` writes now. After changing a table, run
# toolchain/gen/regenerate-docs.sh BUILD/ticker. Also: the completion
# completes commands, their words and options (bash-completion's
# conventions), and both man pages format without a warning.
set -euo pipefail
ticker=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_CONFIG_HOME=$work/config
unset TICKER_CONFIG
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }
pass() { echo "ok   $*"; }

while read -r what file; do
    if [ "$what" = man1 ]; then
        "$ticker" generate man1 <"$src/packaging/ticker.1.in" >"$work/out"
    else
        "$ticker" generate "$what" >"$work/out"
    fi
    if diff -u "$src/$file" "$work/out" >"$work/diff"; then
        pass "$file is what \`ticker generate $what\` writes"
    else
        fail "$file is out of date (run toolchain/gen/regenerate-docs.sh): $(head -20 "$work/diff")"
    fi
done <<'LIST'
ini assets/ticker.ini
reference docs/configuration.md
man5 packaging/ticker.ini.5
man1 packaging/ticker.1
completion packaging/ticker.bash-completion
LIST

# Without its template, man1 printed nothing and exited 0 (on a terminal it
# waited for input): it says what it needs and fails.
if "$ticker" generate man1 </dev/null >"$work/out" 2>"$work/err"; then
    fail "generate man1 without its template exited 0: $(cat "$work/err")"
elif grep -q "ticker generate man1 <packaging/ticker.1.in" "$work/err" && [ ! -s "$work/out" ]; then
    pass "generate man1 without its template says how to give it"
else
    fail "generate man1 without its template: $(cat "$work/err")"
fi

for page in ticker.1 ticker.ini.5; do
    warnings=$(groff -man -ww -z -Tutf8 "$src/packaging/$page" 2>&1 || true) # as man(1) shows it
    [ -z "$warnings" ] && pass "$page formats without warnings" || fail "$page: $warnings"
done

# Every setting of the table is in the example and the reference: the
# settings `config show` prints for an empty file, key by key.
"$ticker" -c /dev/null config show >"$work/show"
sed -E 's/^.*  \[([^]]*)\] ([a-z_]+) = .*$/\1 \2/' "$work/show" >"$work/keys"
while read -r section key; do
    grep -q "^; $key =" "$src/assets/ticker.ini" || fail "assets/ticker.ini lacks $section $key"
    grep -q "| \`$key\` |" "$src/docs/configuration.md" || fail "docs/configuration.md lacks $section $key"
done <"$work/keys"

bash -n "$src/packaging/ticker.bash-completion" && pass "the completion is valid bash"
if [ -f /usr/share/bash-completion/bash_completion ]; then
    complete_words() { # the words completed for the command line "$@" (the last word being completed)
        bash -c 'source /usr/share/bash-completion/bash_completion
                 source "$0"
                 COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
                 COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
                 _ticker ticker "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                 printf "%s\n" "${COMPREPLY[@]}"' "$src/packaging/ticker.bash-completion" "$@" 2>/dev/null
    }
    [ "$(complete_words ticker con | head -1)" = config ] && pass "completes a command" || fail "ticker con<TAB>: $(complete_words ticker con)"
    [ "$(complete_words ticker config s)" = show ] && pass "completes a command's word" || fail "ticker config s<TAB>: $(complete_words ticker config s)"
    complete_words ticker --ref | grep -qx -- "--refresh=" && pass "completes an option" || fail "ticker --ref<TAB>: $(complete_words ticker --ref)"
    [ "$(complete_words ticker --rotate 2 | tr '\n' ' ')" = "270 " ] && pass "completes an option's value" || fail "--rotate 2<TAB>: $(complete_words ticker --rotate 2)"
    [ -z "$(complete_words ticker status '')" ] && pass "status takes no word" || fail "ticker status <TAB>: $(complete_words ticker status '')"
else
    echo "skip completion behaviour: bash-completion is not installed"
fi
exit $failed
