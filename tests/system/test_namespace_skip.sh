#!/usr/bin/env bash
# The tests that need namespaces and mounts skip (exit 77, ctest's skip) with
# the reason where a container or chroot forbids them, instead of failing:
# run here with an `unshare` that fails as it does there.
# Argument 1: the ticker binary.
set -euo pipefail
ticker=$1
tests=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
mkdir "$work/bin"
printf '#!/bin/sh\necho "unshare: unshare failed: Operation not permitted" >&2\nexit 1\n' >"$work/bin/unshare"
chmod +x "$work/bin/unshare"
for t in system/test_maintscript.sh live/test_storage_faults.py; do
  case $t in *.py) run=(python3) ;; *) run=(bash) ;; esac
  rc=0
  PATH="$work/bin:$PATH" "${run[@]}" "$tests/$t" "$ticker" >"$work/out" 2>&1 || rc=$?
  [ "$rc" = 77 ] || fail "$t: exit $rc, not 77 (skip): $(cat "$work/out")"
  grep -q "^skip: .*Operation not permitted" "$work/out" || fail "$t: no reason given: $(cat "$work/out")"
  echo "ok: $t skips: $(cat "$work/out")"
done
