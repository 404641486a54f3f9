#!/usr/bin/env bash
# The package's maintainer scripts (packaging/postinst, prerm, postrm), run
# for real in private mount and user namespaces: the tools they call
# (adduser, getent, deb-systemd-helper, deb-systemd-invoke, systemctl, who)
# are stand-ins that log their arguments, and /etc/systemd/system, /run and
# /var/lib are scratch directories, so nothing on this machine changes.
# Each case asserts which calls the scripts made: the user and its groups, and
# when the service is enabled, started, restarted, stopped or left alone.
# ($1, the program, is not needed.)
set -euo pipefail

source_dir=$(cd "$(dirname "$0")/../.." && pwd)
# Where namespaces or mounts cannot be made (a container or chroot that
# forbids them), the test cannot run: 77, ctest's skip, with the reason.
probe=$(unshare -Urm sh -c 'mount -t tmpfs probe /run' 2>&1) || {
    echo "skip: cannot make user and mount namespaces with a tmpfs here (unshare -Urm; mount -t tmpfs): ${probe:-unshare failed}"
    exit 77
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fakes=$work/bin
mkdir -p "$fakes"

# Each stand-in appends "name args" to $CALLS; behaviour comes from FAKE_*.
for tool in adduser deb-systemd-helper deb-systemd-invoke systemctl chgrp; do
    cat >"$fakes/$tool" <<EOF
#!/bin/sh
echo "$tool \$*" >>"\$CALLS"
case "$tool \$*" in
    "deb-systemd-helper --quiet was-enabled "*) [ "\${FAKE_WAS_ENABLED:-1}" = 1 ] ;;
    "systemctl --quiet is-enabled "*) [ "\${FAKE_IS_ENABLED:-1}" = 1 ] ;;
esac
EOF
done
cat >"$fakes/getent" <<'EOF'
#!/bin/sh
case "$1 $2" in
    "passwd ticker") [ "${FAKE_USER_EXISTS:-0}" = 1 ] && echo "ticker:x:103:111::/var/lib/ticker:/usr/sbin/nologin" ;;
    "group "*) case " ${FAKE_GROUPS-video render input} " in *" $2 "*) echo "$2:x:44:" ;; *) exit 2 ;; esac ;;
    *) exit 2 ;;
esac
EOF
cat >"$fakes/who" <<'EOF'
#!/bin/sh
[ "${FAKE_TTY1:-0}" = 1 ] && echo "pi       tty1         2026-11-23 09:00"
exit 0
EOF
chmod +x "$fakes"/*

# run_case NAME SCRIPT ARGS...: runs the script in fresh namespaces.
# FAKE_DESKTOP=1 adds a display manager, FAKE_SYSTEMD=0 means systemd is not
# running (an image being built); FAKE_CACHE=1 puts a cache in /var/lib/ticker.
run_case() {
    local name=$1 script=$2
    shift 2
    CALLS=$work/$name.calls
    : >"$CALLS"
    export CALLS
    unshare -Urm sh -c '
        set -e
        mount -t tmpfs scratch /etc/systemd/system
        mount -t tmpfs scratch /run
        mount -t tmpfs scratch /var/lib
        if [ "${FAKE_DESKTOP:-0}" = 1 ]; then
            echo "[Service]" >/etc/systemd/system/lightdm.service
            ln -s /etc/systemd/system/lightdm.service /etc/systemd/system/display-manager.service
        fi
        [ "${FAKE_SYSTEMD:-1}" = 1 ] && mkdir -p /run/systemd/system
        [ "${FAKE_CACHE:-0}" != 0 ] && mkdir /var/lib/ticker
        [ "${FAKE_CACHE:-0}" = mount ] && mount -t tmpfs cachefs /var/lib/ticker
        [ "${FAKE_CACHE:-0}" != 0 ] && echo cache >/var/lib/ticker/cache.db
        script=$1; shift
        PATH=$FAKES:$PATH sh "$script" "$@" 2>"$CALLS.stderr"
        if [ -e /var/lib/ticker/cache.db ]; then echo "cache kept" >>"$CALLS"; else echo "no cache" >>"$CALLS"; fi
        [ -d /var/lib/ticker ] && echo "directory kept" >>"$CALLS" || echo "no directory" >>"$CALLS"
        [ -d /var/lib/prometheus/node-exporter ] && echo "textfile folder $(stat -c %a /var/lib/prometheus/node-exporter)" >>"$CALLS"
        true
    ' run_case "$source_dir/packaging/$script" "$@" || { echo "FAIL: $name: $script exited non-zero" >&2; failures=$((failures + 1)); }
}
export FAKES=$fakes

failures=0
expect() { # expect NAME LINE: the case made this call
    if grep -qxF -- "$2" "$work/$1.calls"; then echo "ok: $1: $2"; else
        echo "FAIL: $1: no '$2' in:" >&2; sed 's/^/    /' "$work/$1.calls" >&2; failures=$((failures + 1)); fi
}
expect_not() { # expect_not NAME PATTERN: no call matches
    if grep -qE -- "$2" "$work/$1.calls"; then
        echo "FAIL: $1: unexpected call matching '$2':" >&2; grep -E -- "$2" "$work/$1.calls" | sed 's/^/    /' >&2
        failures=$((failures + 1)); else echo "ok: $1: no call matching '$2'"; fi
}

# A fresh kiosk: user with its groups, service enabled and started.
run_case install postinst configure
expect install "adduser --system --group --quiet --home /var/lib/ticker --no-create-home --gecos ticker news kiosk ticker"
expect install "adduser --quiet ticker video"
expect install "adduser --quiet ticker render"
expect install "adduser --quiet ticker input"
expect install "deb-systemd-helper enable ticker.service"
expect install "deb-systemd-invoke start ticker.service"
# node_exporter's textfile folder, for the documented [health] textfile: made
# before prometheus-node-exporter is installed, the ticker group may write.
expect install "chgrp ticker /var/lib/prometheus/node-exporter"
expect install "textfile folder 2775"

# A desktop: the display manager holds the screen, so the unit stays off.
FAKE_DESKTOP=1 run_case desktop postinst configure
expect desktop "deb-systemd-helper update-state ticker.service"
expect_not desktop "enable ticker|invoke start"
grep -q "display manager" "$work/desktop.calls.stderr" && echo "ok: desktop: says why" ||
    { echo "FAIL: desktop: no explanation on stderr" >&2; failures=$((failures + 1)); }

# Someone logged in on tty1: enabled, but starting would end their session.
FAKE_TTY1=1 run_case tty1 postinst configure
expect tty1 "deb-systemd-helper enable ticker.service"
expect_not tty1 "invoke start"

# An upgrade: the user exists, the running kiosk restarts on the new program.
FAKE_USER_EXISTS=1 run_case upgrade postinst configure 0.1.0
expect_not upgrade "adduser --system"
expect upgrade "adduser --quiet ticker video"
expect upgrade "deb-systemd-invoke try-restart ticker.service"
expect_not upgrade "invoke start"

# An upgrade after the operator disabled the unit: it stays disabled.
FAKE_USER_EXISTS=1 FAKE_WAS_ENABLED=0 run_case disabled postinst configure 0.1.0
expect_not disabled "helper enable"
expect disabled "deb-systemd-helper update-state ticker.service"

# Building an image (systemd not running): enabled, no systemctl at all.
FAKE_SYSTEMD=0 run_case image postinst configure
expect image "deb-systemd-helper enable ticker.service"
expect_not image "^systemctl|deb-systemd-invoke"

# A system without a render group: the others are still added, no failure.
FAKE_GROUPS="video input" run_case norender postinst configure
expect norender "adduser --quiet ticker input"
expect_not norender "ticker render"

# Removal stops the kiosk; an upgrade's prerm leaves it running.
run_case remove prerm remove
expect remove "deb-systemd-invoke stop ticker.service"
run_case prerm-upgrade prerm upgrade 0.2.0
expect_not prerm-upgrade "stop"

# Remove keeps the cache, purge deletes it and forgets the unit.
FAKE_CACHE=1 run_case postrm-remove postrm remove
expect postrm-remove "deb-systemd-helper mask ticker.service"
expect postrm-remove "cache kept"
FAKE_CACHE=1 run_case purge postrm purge
expect purge "deb-systemd-helper purge ticker.service"
expect purge "no cache"
expect purge "no directory"
# The cache on a file system of its own (seen in the VM test): purge empties
# it and succeeds, leaving the mount point.
FAKE_CACHE=mount run_case purge-mounted postrm purge
expect purge-mounted "no cache"
expect purge-mounted "directory kept"

if [ $failures -ne 0 ]; then
    echo "maintscript_test: $failures check(s) failed" >&2
    exit 1
fi
echo "maintscript_test: all checks passed"
