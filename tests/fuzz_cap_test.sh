#!/usr/bin/env bash
# A short round of the CAP/alert fuzz target (tests/fuzz/fuzz_cap.c) under
# libFuzzer + ASan: built here with clang from the ingest and base sources
# (libFuzzer must instrument the code it explores), seeded with the alert
# fixtures, 20,000 runs. Longer rounds: FUZZ_CAP_SECONDS=600.
# ctest-labels: no-emulator no-sanitize  (a host clang build with its own ASan)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! command -v clang >/dev/null; then
  echo "fuzz_cap: clang missing (toolchain/install-deps.sh installs it)" >&2
  exit 1
fi
# The libraries the program links (the top CMakeLists.txt's pkg-config list).
modules=$(sed -n '/pkg_check_modules(DEPS/,/)/p' "$root/CMakeLists.txt" | tr -d '()' |
  sed 's/pkg_check_modules//; s/DEPS//; s/REQUIRED//; s/IMPORTED_TARGET//' | tr '\n' ' ')
mkdir -p "$work/flow"
ln -s "$root/firmware/base" "$work/flow/base"
ln -s "$root/firmware/ingest" "$work/flow/ingest"
clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
  -DTICKER_VERSION='"fuzz"' -DTICKER_SOURCE_DIR="\"$root\"" -DTICKER_DATA_DIR='"/usr/share/ticker"' \
  -I"$work/flow" $(pkg-config --cflags $modules) \
  "$root/tests/fuzz/fuzz_cap.c" "$root"/firmware/ingest/*.c "$root"/firmware/base/*.c \
  $(pkg-config --libs $modules) -lm -o "$work/fuzz_cap"
mkdir "$work/corpus"
cp "$root"/tests/fixtures/alerts/* "$root"/tests/fixtures/atom.xml "$work/corpus/"
if [ -n "${FUZZ_CAP_SECONDS:-}" ]; then
  "$work/fuzz_cap" -max_total_time="$FUZZ_CAP_SECONDS" -max_len=65536 "$work/corpus" 2>"$work/log" || { tail -40 "$work/log"; exit 1; }
else
  "$work/fuzz_cap" -runs=20000 -max_len=65536 "$work/corpus" 2>"$work/log" || { tail -40 "$work/log"; exit 1; }
fi
tail -1 "$work/log"
echo "fuzz_cap: ok"
