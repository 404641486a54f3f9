#!/usr/bin/env python3
"""Many sources under a small file-descriptor limit, and the flood.

1. N sources (default 10,000) on tests/feedserver.py, one `ticker fetch
   --cycles 1` under `prlimit --nofile=LIMIT:LIMIT` (default 1,024, systemd's
   soft default): how many fetched, how many failed, how the shortage was
   reported, seconds for the cycle, peak descriptors the limit allowed.
2. The flood: one feed of 2,500 items beside three of 20, fetched into a
   cache capped at 2,000 items: how many each source keeps.

Prints one JSON line per run; never fails (a benchmark, not a test).
  bench/many_sources_bench.py [--ticker build/ticker] [--sources 10000] [--limit 1024]"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "common"))
from scriptcheck import start_feedserver, stop_feedserver  # noqa: E402


def many(args, base, tmp):
    ini = os.path.join(tmp, "many.ini")
    with open(ini, "w") as f:
        f.write("[fetch]\nconnect_timeout = 30\ntimeout = 120\n")
        if args.max_transfers:  # 0: leave it out (a build from before the setting)
            f.write("max_transfers = %d\n" % args.max_transfers)
        for k in range(args.sources):
            f.write("[source s%d]\nlocation = %s/feed?fmt=rss&name=m%d&items=1\n" % (k, base, k))
    db = os.path.join(tmp, "many.db")
    start = time.monotonic()
    result = subprocess.run(["prlimit", "--nofile=%d:%d" % (args.limit, args.limit), args.ticker,
                             "fetch", "--cycles", "1", "--cache", db], capture_output=True, text=True,
                            env=dict(os.environ, TICKER_CONFIG=ini))
    seconds = time.monotonic() - start
    cycle = re.search(r"(\d+) sources, (\d+) not modified, (\d+) failed", result.stdout)
    shortage = [l for l in result.stderr.splitlines() if "file-descriptor limit" in l]
    blamed = sum(1 for l in result.stderr.splitlines() if "cannot connect" in l)
    print(json.dumps({"bench": "many_sources", "sources": args.sources, "fd_limit": args.limit,
                      "max_transfers": args.max_transfers,
                      "attempted": int(cycle.group(1)) if cycle else None,
                      "failed": int(cycle.group(3)) if cycle else None,
                      "blamed_on_servers": blamed, "seconds": round(seconds, 1),
                      "shortage_line": shortage[0] if shortage else ""}, ensure_ascii=False))


def flood(args, base, tmp):
    db = os.path.join(tmp, "flood.db")
    urls = [base + "/feed?fmt=rss&name=small%d&items=20" % k for k in range(3)]
    urls.append(base + "/feed?fmt=rss&name=flood&items=2500")
    subprocess.run([args.ticker, "fetch", "--cycles", "1", "--cache", db, *urls], capture_output=True, text=True)
    cached = subprocess.run([args.ticker, "cache", "--cache", db], capture_output=True, text=True).stdout
    items = [json.loads(line) for line in cached.splitlines() if line.startswith("{")]
    by_source = {}
    for item in items:
        by_source[item["source"]] = by_source.get(item["source"], 0) + 1
    print(json.dumps({"bench": "flood", "cap": 2000, "cached": len(items), "kept_per_source": by_source},
                     ensure_ascii=False))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ticker", default="build/ticker")
    parser.add_argument("--sources", type=int, default=10000)
    parser.add_argument("--limit", type=int, default=1024)
    parser.add_argument("--max-transfers", type=int, default=512)
    args = parser.parse_args()
    server, base = start_feedserver()
    tmp = tempfile.mkdtemp(prefix="ticker-many-")
    os.environ["TICKER_CONFIG"] = os.path.join(tmp, "none.ini")
    open(os.environ["TICKER_CONFIG"], "w").close()
    try:
        many(args, base, tmp)
        flood(args, base, tmp)
    finally:
        stop_feedserver(server)


if __name__ == "__main__":
    main()
