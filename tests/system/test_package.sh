#!/usr/bin/env bash
# The Debian package, end to end: builds it with CPack from the build
# directory of the program under test ($1), then checks it with lintian, its
# control fields, maintainer scripts and contents with dpkg-deb, its Depends
# against what dpkg-shlibdeps finds in the packaged binary, its man page against
# `ticker --help`, and its systemd unit with `systemd-analyze verify` and
# `systemd-analyze security` (the exposure is printed, and must stay <= 3.0).
# In a cross build $1 runs the target program under qemu; the package is then
# the target architecture's.
set -euo pipefail

program=$1
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# The build directory: the nearest parent of the program with a CPack config.
build_dir=$(cd "$(dirname "$program")" && pwd)
while [ ! -f "$build_dir/CPackConfig.cmake" ] && [ "$build_dir" != / ]; do
    build_dir=$(dirname "$build_dir")
done
[ -f "$build_dir/CPackConfig.cmake" ] || { echo "FAIL: no CPackConfig.cmake above $program" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- Build the package -------------------------------------------------------
if ! cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    echo "FAIL: cpack" >&2
    exit 1
fi
debs=("$work"/out/ticker_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || { echo "FAIL: expected one ticker_*.deb, got: ${debs[*]}" >&2; exit 1; }
deb=${debs[0]}
echo "package: $(basename "$deb") ($(stat -c %s "$deb") bytes)"

root=$work/root
dpkg-deb -x "$deb" "$root"
dpkg-deb -e "$deb" "$work/control"
packaged_program=$root/usr/bin/ticker

# --- Debian policy, as lintian reads it ----------------------------------------
# The placeholder Maintainer address (localhost) is the only tag let through.
if TMPDIR="$work" lintian --fail-on error,warning --suppress-tags bogus-mail-host,bogus-mail-host-in-debian-changelog \
    "$deb" >"$work/lintian.log" 2>&1; then
    pass "lintian: no errors or warnings"
else
    fail "lintian: $(grep -v 'root privileges' "$work/lintian.log")"
fi

# --- Control fields ----------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }

[ "$(field Package)" = ticker ] && pass "Package: ticker" || fail "Package is '$(field Package)'"

program_version=$("$program" --version | awk '{print $2}') || true
[ -n "$program_version" ] && [ "$(field Version)" = "$program_version" ] &&
    pass "Version $(field Version) is the program's" ||
    fail "Version '$(field Version)' but the program says '$program_version'"

# The architecture of the packaged binary, in Debian's words.
machine=$(readelf -h "$packaged_program" | sed -n 's/^ *Machine: *//p')
case "$machine" in
    AArch64) expected_arch=arm64 ;;
    ARM) expected_arch=armhf ;;
    *X86-64*) expected_arch=amd64 ;;
    *) expected_arch="unknown machine '$machine'" ;;
esac
[ "$(field Architecture)" = "$expected_arch" ] &&
    pass "Architecture: $expected_arch (the binary is $machine)" ||
    fail "Architecture '$(field Architecture)' for a $machine binary (want $expected_arch)"

[ -n "$(field Maintainer)" ] && pass "Maintainer: $(field Maintainer)" || fail "no Maintainer"
[ "$(field Description | wc -l)" -ge 3 ] && pass "Description has a synopsis and a body" ||
    fail "Description too short: $(field Description)"

# Depends: package names, without versions or alternatives' extras.
depends=$(field Depends | tr ',|' '\n\n' | sed 's/(.*)//; s/:any//; s/^ *//; s/ *$//' | sort -u)
has_depend() { grep -qx "$1" <<<"$depends"; }
for needed in libc6 libsdl2-2.0-0 libsdl2-ttf-2.0-0 libcurl4 libxml2 libutf8proc2 libsqlite3-0 \
    libinih1 libjson-c5 libsystemd0 libegl1 libgles2 libgl1-mesa-dri adduser; do
    has_depend "$needed" || fail "Depends lacks $needed"
done
pass "Depends: $(field Depends)"

# Every library the packaged binary links must be a dependency.  A sanitizer
# build links libasan/libubsan, which the shipped (release) package never does.
mkdir -p "$work/shlibdeps/debian/ticker/usr/bin"
printf 'Source: ticker\n\nPackage: ticker\nArchitecture: any\n' >"$work/shlibdeps/debian/control"
cp "$packaged_program" "$work/shlibdeps/debian/ticker/usr/bin/ticker"
if shlibs=$(cd "$work/shlibdeps" && dpkg-shlibdeps -O debian/ticker/usr/bin/ticker 2>"$work/shlibdeps.log"); then
    linked=$(sed 's/^shlibs:Depends=//' <<<"$shlibs" | tr ',' '\n' | sed 's/(.*)//; s/^ *//; s/ *$//' |
        grep -Ev '^lib(asan|ubsan|lsan|tsan)[0-9]*$' || true)
    missing=""
    for lib in $linked; do
        has_depend "$lib" || missing="$missing $lib"
    done
    [ -z "$missing" ] && pass "every linked library is in Depends ($(echo $linked))" ||
        fail "linked but not in Depends:$missing"
else
    cat "$work/shlibdeps.log" >&2
    fail "dpkg-shlibdeps failed on the packaged binary"
fi

# --- Maintainer scripts and conffiles ----------------------------------------
[ "$(cat "$work/control/conffiles" 2>/dev/null)" = /etc/ticker/ticker.ini ] &&
    pass "conffiles: /etc/ticker/ticker.ini" ||
    fail "conffiles is '$(cat "$work/control/conffiles" 2>/dev/null)'"
for script in postinst prerm postrm; do
    if [ -x "$work/control/$script" ] && sh -n "$work/control/$script"; then
        pass "$script is an executable, valid sh script"
    else
        fail "$script missing, not executable or not valid sh"
    fi
done
postinst_joined=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$work/control/postinst")
grep -q 'adduser --system --group .* ticker$' <<<"$postinst_joined" &&
    grep -q 'for group in video render input' <<<"$postinst_joined" &&
    pass "postinst creates the ticker system user in video, render, input" ||
    fail "postinst does not create the ticker user with its groups"

# --- Contents ----------------------------------------------------------------
contents=$(dpkg-deb -c "$deb")
has_file() { awk '{print $6}' <<<"$contents" | grep -qx "./$1"; }
for path in usr/bin/ticker lib/systemd/system/ticker.service etc/ticker/ticker.ini \
    usr/share/man/man1/ticker.1.gz usr/share/man/man5/ticker.ini.5.gz usr/share/bash-completion/completions/ticker \
    usr/share/doc/ticker/copyright usr/share/doc/ticker/README.md; do
    has_file "$path" && pass "contains /$path" || fail "lacks /$path"
done
grep -q '^-rwxr-xr-x root/root .* \./usr/bin/ticker$' <<<"$contents" &&
    pass "/usr/bin/ticker is root-owned and executable" || fail "/usr/bin/ticker mode or owner wrong"
not_root=$(awk '$2 != "root/root"' <<<"$contents")
[ -z "$not_root" ] && pass "every file is owned by root" || fail "files not owned by root: $not_root"
local_files=$(awk '{print $6}' <<<"$contents" | grep -E '^\./usr/local/' || true)
[ -z "$local_files" ] && pass "nothing under /usr/local" || fail "files under /usr/local: $local_files"

# Whatever fonts and assets the tree has ship, in the directory the program reads.
data_count=0
data_failures=$failures
linked_fonts=""
for data_dir in fonts assets; do
    [ -d "$source_dir/$data_dir" ] || continue
    while IFS= read -r -d '' file; do
        relative=${file#"$source_dir/$data_dir/"}
        [ "$data_dir/$relative" = assets/ticker.ini ] && continue # that one goes to /etc
        data_count=$((data_count + 1))
        installed=/usr/share/ticker/$data_dir/$relative
        if [ -L "$root$installed" ]; then
            # A font Debian ships: the link must reach the same bytes, in a
            # package the .deb depends on.
            target=$(realpath -m "$(dirname "$installed")/$(readlink "$root$installed")")
            owner=$(dpkg -S "$target" 2>/dev/null | sed -n 's/^\([^:]*\):.*/\1/p' | head -1)
            if ! cmp -s "$file" "$target"; then
                fail "$installed links to $target, which is not the tree's file"
            elif [ -z "$owner" ] || ! has_depend "$owner"; then
                fail "$installed links to $target of package '${owner:-none}', which is not in Depends"
            else
                linked_fonts="$linked_fonts $relative($owner)"
            fi
        elif ! cmp -s "$file" "$root$installed"; then
            fail "$installed missing or different from the tree's"
        fi
    done < <(find "$source_dir/$data_dir" -type f -print0)
done
[ "$failures" -eq "$data_failures" ] &&
    pass "all $data_count font and asset files of the tree are in /usr/share/ticker (links to Debian's:$linked_fonts)"
if [ -d "$source_dir/fonts" ]; then
    ls "$root"/usr/share/ticker/fonts/*.ttf >/dev/null 2>&1 && pass "fonts ship" || fail "no .ttf in /usr/share/ticker/fonts"
fi
grep -aq '/usr/share/ticker' "$packaged_program" &&
    pass "the program looks for its data in /usr/share/ticker" ||
    fail "the packaged program was not built for prefix /usr (no /usr/share/ticker in it)"
cmp -s "$source_dir/assets/ticker.ini" "$root/etc/ticker/ticker.ini" &&
    pass "/etc/ticker/ticker.ini is the commented assets/ticker.ini" || fail "/etc/ticker/ticker.ini differs"
file "$packaged_program" | grep -q ', stripped' && pass "the program is stripped" || fail "the program is not stripped"

# --- The man page --------------------------------------------------------------
man_page=$work/ticker.1
gzip -dc "$root/usr/share/man/man1/ticker.1.gz" >"$man_page"
man_warnings=$(groff -man -ww -z "$man_page" 2>&1 || true)
[ -z "$man_warnings" ] && pass "man page formats without warnings" || fail "man page warnings: $man_warnings"
gzip -dc "$root/usr/share/man/man5/ticker.ini.5.gz" >"$work/ticker.ini.5"
man_warnings=$(groff -man -ww -z -Tutf8 "$work/ticker.ini.5" 2>&1 || true) # -Tutf8: as man(1) shows it (its Vietnamese defaults are no PostScript glyphs)
[ -z "$man_warnings" ] && pass "ticker.ini(5) formats without warnings" || fail "ticker.ini(5) warnings: $man_warnings"
man_text=$(sed 's/\\-/-/g' "$man_page")
undocumented=""
for option in $("$program" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
    grep -qF -- "$option" <<<"$man_text" || undocumented="$undocumented $option"
done
[ -z "$undocumented" ] && pass "man page documents every option of --help" ||
    fail "options in --help but not in the man page:$undocumented"

# --- The systemd unit ----------------------------------------------------------
unit=$root/lib/systemd/system/ticker.service
exec_start=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$unit")
[ -x "$root$exec_start" ] && pass "ExecStart=$exec_start is the packaged program" ||
    fail "ExecStart=$exec_start is not in the package"
grep -qx 'User=ticker' "$unit" && grep -qx 'SupplementaryGroups=video render input' "$unit" &&
    grep -qx 'Type=notify' "$unit" && grep -q '^WatchdogSec=' "$unit" && grep -qx 'Restart=always' "$unit" &&
    pass "unit: ticker user, its groups, notify with watchdog, restart always" ||
    fail "unit lacks User/SupplementaryGroups/Type=notify/WatchdogSec/Restart=always"

# verify resolves the unit's dependencies and ExecStart inside --root, so the
# root gets the host's own units beside the package (no systemd need run).
# It prints warnings yet exits 0 for unknown keys or bad values: any output fails.
cp -rn /lib/systemd/system/. "$root/lib/systemd/system/"
if verify_output=$(MANPATH=$root/usr/share/man systemd-analyze verify --root="$root" ticker.service 2>&1) &&
    [ -z "$verify_output" ]; then
    pass "systemd-analyze verify: clean (with the man page check)"
else
    fail "systemd-analyze verify: ${verify_output:-exit status}"
fi

exposure_line=$(systemd-analyze security --offline=yes "$unit" 2>&1 | grep 'Overall exposure level' || true)
exposure=$(sed -n 's/.*: \([0-9.]*\) .*/\1/p' <<<"$exposure_line")
echo "exposure: ${exposure:-?} (systemd-analyze security --offline=yes ticker.service)"
if [ -n "$exposure" ] && awk -v e="$exposure" 'BEGIN { exit !(e <= 3.0) }'; then
    pass "exposure $exposure <= 3.0"
else
    fail "exposure '${exposure:-none}' is not <= 3.0: $exposure_line"
fi

if [ $failures -ne 0 ]; then
    echo "package_test: $failures check(s) failed" >&2
    exit 1
fi
echo "package_test: all checks passed"
