#!/usr/bin/env python3
"""End to end: many sources under a small file-descriptor limit.

Under `prlimit --nofile=100:100` (hard limit 100, so nothing can be
raised), 200 sources are fetched in one cycle: the transfers at once are
bounded by what the descriptors allow, every source succeeds, and the
shortage is said once as itself ("file-descriptor limit"), never as servers
that cannot be reached. With a soft limit under a larger hard one, the
limit is raised at start and no shortage is reported.
Argument 1: the ticker binary."""
import os
import shutil
import subprocess
import sys
import tempfile

TICKER = sys.argv[1]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "common"))  # scriptcheck, feedserver
from scriptcheck import check, finish, start_feedserver, stop_feedserver


def fetch(nofile, urls, tmp, name):
    db = os.path.join(tmp, name + ".db")
    return subprocess.run(["prlimit", "--nofile=" + nofile, TICKER, "fetch", "--cycles", "1", "--cache", db, *urls],
                          capture_output=True, text=True, timeout=300)


def main():
    server, base = start_feedserver()
    tmp = tempfile.mkdtemp(prefix="ticker-fd-")
    ini = os.path.join(tmp, "ticker.ini")
    with open(ini, "w") as f:
        f.write("[fetch]\nconnect_timeout = 10\ntimeout = 60\nmax_transfers = 200\n")
    os.environ["TICKER_CONFIG"] = ini
    try:
        urls = [base + "/feed?fmt=rss&name=fd%d&items=1" % k for k in range(200)]
        result = fetch("100:100", urls, tmp, "small")
        print(result.stdout.strip())
        print("\n".join(result.stderr.splitlines()[:3]))
        check(result.returncode == 0, "fetch under 100 descriptors exits 0")
        check("200 sources, 0 not modified, 0 failed" in result.stdout,
              "all 200 sources fetched under 100 descriptors, none failed")
        check("file-descriptor limit" in result.stderr, "the shortage is reported as itself")
        check("connect" not in result.stderr.lower(), "no source blamed with a connection error")
        raised = fetch("100:4096", urls, tmp, "raised")
        check("200 sources, 0 not modified, 0 failed" in raised.stdout, "with a larger hard limit, all 200 fetched")
        check("file-descriptor limit" not in raised.stderr, "the soft limit was raised at start: no shortage")
    finally:
        stop_feedserver(server)
        shutil.rmtree(tmp, ignore_errors=True)
    unit = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "packaging", "ticker.service")
    limits = [line.split("=", 1)[1].strip() for line in open(unit) if line.startswith("LimitNOFILE=")]
    check(len(limits) == 1 and int(limits[0].split(":")[-1]) >= 16384,
          "the service raises LimitNOFILE (its SystemCallFilter forbids setrlimit)")
    finish()


if __name__ == "__main__":
    main()
