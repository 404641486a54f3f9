#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz/ (one per parser entry: feed,
# article, text, date, config, source sniffing, CAP, charset, JSON-LD, JSON
# Feed and Markdown front matter, the
# picture front end, the picture cache and remote-config apply) in a build
# of its own
# (clang, -fsanitize=fuzzer,address,undefined; build-fuzz/).
#
#   toolchain/check/fuzz.sh [SECONDS]        each target SECONDS (default 60)
#   toolchain/check/fuzz.sh --total SECONDS  SECONDS in all, shared (CI: --total 60)
#   FUZZ_TARGETS="feed text" toolchain/check/fuzz.sh ...   only those targets
#
# Each target starts from the seed corpus in tests/fuzz/corpus/NAME/ (small
# inputs of its own), the fixtures tests/fuzz/fixture-seeds.txt lists for it
# (kept once, in tests/fixtures), and ../shared/cases when it is there; what it finds goes to build-fuzz/corpus/NAME/, so
# the repository's corpus changes only by hand. Prints one JSON line per
# target (executions, coverage), and on a crash, leak or timeout its log and
# the input (build-fuzz/artifacts/), and exits 1.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${TICKER_FUZZ_BUILD:-build-fuzz}
mapfile -t targets < <(cd tests/fuzz && ls fuzz_*.c | sed 's/\.c$//')
if [ -n "${FUZZ_TARGETS:-}" ]; then # e.g. FUZZ_TARGETS="feed text": only those
  read -r -a targets <<<"$(for t in $FUZZ_TARGETS; do printf 'fuzz_%s ' "$t"; done)"
fi
if [ "${1:-}" = "--total" ]; then
  seconds=$(( ${2:?--total wants SECONDS} / ${#targets[@]} ))
  [ "$seconds" -ge 1 ] || seconds=1
else
  seconds=${1:-60}
fi
CC=clang cmake -S . -B "$build" -DTICKER_FUZZ=ON -DTICKER_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >/dev/null
mkdir -p "$build/artifacts"
failed=0
for target in "${targets[@]}"; do
  name=${target#fuzz_}
  work="$build/corpus/$name"
  mkdir -p "$work"
  seeds=()
  corpora=("$name")
  case "$name" in
    charset) corpora+=(feed) ;;    # bytes before the feed parser: the feeds
    jsonld) corpora+=(article) ;;  # JSON-LD lives in the pages
    remote) corpora+=(config) ;;   # a fleet file is a config file
  esac
  # The fixtures listed for each corpus, copied from tests/fixtures (stored
  # there once) into a seed folder of the build: libFuzzer takes folders.
  fixtures="$build/seeds/$name"
  rm -rf "$fixtures" && mkdir -p "$fixtures"
  for corpus in "${corpora[@]}"; do
    if [ -d "tests/fuzz/corpus/$corpus" ]; then seeds+=("tests/fuzz/corpus/$corpus"); fi
    while read -r listed path; do
      if [ "$listed" = "$corpus" ]; then cp "$path" "$fixtures/$(echo "$path" | tr / _)"; fi
    done < <(grep -v '^#' tests/fuzz/fixture-seeds.txt)
  done
  seeds+=("$fixtures")
  case "$name" in
    picture) # real pictures: the demo's, and those Debian packages put here
      seeds+=(assets/demo/pictures)
      [ -d /usr/share/pixmaps ] && seeds+=(/usr/share/pixmaps) ;;
  esac
  gofeed=/usr/share/gocode/src/github.com/mmcdole/gofeed/testdata
  case "$name" in
    feed|source) [ -d ../shared/cases/ingest-feeds ] && seeds+=(../shared/cases/ingest-feeds) ;;&
    article|source) [ -d ../shared/cases/ingest-pages ] && seeds+=(../shared/cases/ingest-pages) ;;&
    # gofeed's ~500 real test feeds (and the JSON read from each: JSON Feed and
    # JSON-LD seeds), installed by install-deps.sh --test
    feed|source|charset|text|jsonld) [ -d "$gofeed" ] && seeds+=("$gofeed") ;;&
    jsonfeed) [ -d "$gofeed/parser/json" ] && seeds+=("$gofeed/parser/json" "$gofeed/parser/universal") ;;
  esac
  log="$build/$name.log"
  status=0
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/tests/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/$name-" "$work" "${seeds[@]}" >"$log" 2>&1 || status=$?
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || true)
  features=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || true)
  corpus=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || true)
  printf '{"target":"%s","seconds":%s,"executions":%s,"execs_per_second":%s,"coverage_edges":%s,"features":%s,"corpus":%s,"ok":%s}\n' \
    "$name" "$seconds" "${executions:-0}" "${speed:-0}" "${coverage:-0}" "${features:-0}" "${corpus:-0}" \
    "$([ "$status" -eq 0 ] && echo true || echo false)"
  if [ "$status" -ne 0 ]; then
    failed=1
    echo "fuzz: $name failed (status $status); the end of $log:" >&2
    tail -40 "$log" >&2
  fi
done
exit "$failed"
